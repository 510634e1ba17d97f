package dev.peregrine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code peregrine policy generate} on our example traffic: the proposal passes validate and
 * lint, and simulating it on the same log loses no alert.
 */
class PolicyGenerateCommandTest {
  @TempDir static Path tmp;

  static PolicyCommandTest.Run generated;
  static Path policy;

  @BeforeAll
  static void generate() throws IOException {
    generated = PolicyCommandTest.run("generate", "-r", PolicySimulateCommandTest.detections(),
        PolicySimulateCommandTest.example("cluster-traffic.jsonl"));
    policy = tmp.resolve("generated.yaml");
    Files.writeString(policy, generated.out());
  }

  @Test
  void generate_printsPolicyMatchingGoldenFileAndSavingOnStderr() throws IOException {
    assertThat(generated.status()).as(generated.err()).isZero();
    assertThat(generated.err()).contains("% saved)");
    assertThat(generated.out()).contains("# Alerts kept: 6 of 6");
    PolicySimulateCommandTest.assertGolden("generated-policy.yaml",
        PolicySimulateCommandTest.portable(generated.out()));
  }

  /** The example in examples/policy and docs/audit-policy.md is what a user gets. */
  @Test
  void examplePolicy_isWhatGenerateGivesWithTheBuiltInRules() throws IOException {
    PolicyCommandTest.Run r = PolicyCommandTest.run("generate",
        PolicySimulateCommandTest.example("cluster-traffic.jsonl"));
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(PolicySimulateCommandTest.portable(r.out())).isEqualTo(Files.readString(
        Path.of(PolicySimulateCommandTest.example("generated-policy.yaml"))));
  }

  @Test
  void generatedPolicy_passesValidate() {
    PolicyCommandTest.Run r = PolicyCommandTest.run("validate", policy.toString());
    assertThat(r.status()).as(r.out()).isZero();
    assertThat(r.out()).contains("0 error(s), 0 warning(s)");
  }

  @Test
  void generatedPolicy_lintsWithoutErrors() throws IOException {
    PolicyCommandTest.Run r = PolicyCommandTest.run("lint", "--json", policy.toString());
    assertThat(r.status()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("valid").asBoolean()).isTrue();
    assertThat(j.get("findings").findValuesAsText("severity")).doesNotContain("error");
    // Only the deliberate finding: configmap bodies are kept because a detection reads them.
    assertThat(j.get("findings").findValuesAsText("code")).containsOnly("POL009");
  }

  @Test
  void simulatingGeneratedPolicy_losesNoDetection() {
    PolicyCommandTest.Run r = PolicyCommandTest.run("simulate", "--fail-on-loss", "-p",
        policy.toString(), "-r", PolicySimulateCommandTest.detections(),
        PolicySimulateCommandTest.example("cluster-traffic.jsonl"));
    assertThat(r.status()).as(r.out()).isZero();
    assertThat(r.out()).contains("No detection loses its input.");
  }

  @Test
  void output_writesTheFile() throws IOException {
    Path out = tmp.resolve("out.yaml");
    PolicyCommandTest.Run r = PolicyCommandTest.run("generate", "-r",
        PolicySimulateCommandTest.detections(), "-o", out.toString(),
        PolicySimulateCommandTest.example("cluster-traffic.jsonl"));
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(out)).isEqualTo(generated.out());
  }
}
