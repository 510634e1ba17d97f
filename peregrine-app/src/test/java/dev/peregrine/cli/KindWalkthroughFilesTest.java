package dev.peregrine.cli;

import dev.peregrine.TestRepo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The files of the kind walkthrough in docs/kubernetes.md agree with each other: the cluster
 * config mounts the folder holding the policy and the webhook config it names, the policy is one
 * the apiserver accepts, and the webhook config is what {@code peregrine webhook-config} prints
 * for the fixed Service address of deploy/kind.
 */
class KindWalkthroughFilesTest {
  private static final Path ROOT = TestRepo.repoRoot();

  @Test
  void clusterConfigPolicyWebhookConfigAndServiceAddressAgree() throws IOException {
    String cluster = Files.readString(ROOT.resolve("examples/webhook/kind-cluster.yaml"));
    assertThat(cluster).contains("hostPath: examples/webhook",
        "containerPath: /etc/kubernetes/audit",
        "audit-policy-file: /etc/kubernetes/audit/audit-policy.yaml",
        "audit-webhook-config-file: /etc/kubernetes/audit/webhook-config.yaml");

    ReplayCommandTest.Run policy = ReplayCommandTest.run("policy", "validate",
        ROOT.resolve("examples/webhook/audit-policy.yaml").toString());
    assertThat(policy.status()).as(policy.out() + policy.err()).isZero();

    String overlay = Files.readString(ROOT.resolve("deploy/kind/kustomization.yaml"));
    Matcher ip = Pattern.compile("path: /spec/clusterIP\\s+value: ([0-9.]+)").matcher(overlay);
    assertThat(ip.find()).as("deploy/kind sets the Service's clusterIP").isTrue();
    String url = "http://" + ip.group(1) + ":8765/k8s-audit";

    ReplayCommandTest.Run printed = ReplayCommandTest.run("webhook-config", "--url", url);
    assertThat(printed.status()).isZero();
    assertThat(withoutComments(
        Files.readString(ROOT.resolve("examples/webhook/webhook-config.yaml"))))
        .isEqualTo(withoutComments(printed.out()));
  }

  private static String withoutComments(String yaml) {
    return yaml.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"));
  }
}
