package dev.peregrine.cli;

import dev.peregrine.TestRepo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code peregrine policy simulate} on the article's policy and our example traffic, against
 * golden files in {@code src/test/resources/policy}. Regenerate with {@code
 * -Dperegrine.golden.update=true} and review the diff.
 */
class PolicySimulateCommandTest {
  static final Path GOLDEN = Path.of("src/test/resources/policy");

  @TempDir Path tmp;

  static String example(String name) {
    return TestRepo.repoRoot().resolve("examples/policy/" + name).toString();
  }

  static String detections() {
    return GOLDEN.resolve("detections.yaml").toString();
  }

  /** Output with the repository's location removed, so that it reads the same everywhere. */
  static String portable(String s) {
    return s.replace(TestRepo.repoRoot() + "/", "");
  }

  static void assertGolden(String name, String actual) throws IOException {
    Path golden = GOLDEN.resolve(name);
    if (Boolean.getBoolean("peregrine.golden.update")) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(golden).as("golden file %s (regenerate with -Dperegrine.golden.update=true)",
        golden).exists();
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  static PolicyCommandTest.Run simulate(String... extra) {
    String[] args = new String[extra.length + 6];
    args[0] = "simulate";
    args[1] = "-p";
    args[2] = example("article-policy.yaml");
    args[3] = "-r";
    args[4] = detections();
    System.arraycopy(extra, 0, args, 5, extra.length);
    args[args.length - 1] = example("cluster-traffic.jsonl");
    return PolicyCommandTest.run(args);
  }

  @Test
  void table_matchesGoldenFile() throws IOException {
    PolicyCommandTest.Run r = simulate();
    assertThat(r.status()).as(r.err()).isZero();
    assertGolden("simulate-article.txt", portable(r.out()));
  }

  @Test
  void json_matchesGoldenFile() throws IOException {
    PolicyCommandTest.Run r = simulate("--json");
    assertThat(r.status()).as(r.err()).isZero();
    assertGolden("simulate-article.json", portable(r.out()));
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.at("/total/events").asLong()).isEqualTo(559);
    assertThat(j.at("/detections/lostAlerts").asLong()).isEqualTo(2);
  }

  @Test
  void table_namesTheLostDetectionsAndTheRulesResponsible() {
    String out = simulate().out();
    assertThat(out).contains("Create/Modify Configmap With Private Credentials")
        .contains("1 by rules[5] (line 41)").contains("2 alert(s) lost")
        .contains("% saved)");
  }

  @Test
  void html_isSelfContainedWithInlineSvgCharts() throws IOException {
    Path html = tmp.resolve("report.html");
    PolicyCommandTest.Run r = simulate("--html", html.toString());
    assertThat(r.status()).isZero();
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("<rect")
        .contains("Attach to cluster-admin Role").contains("2 alert(s) lost")
        .doesNotContain("<script").doesNotContain("src=").doesNotContain("<link")
        .doesNotContain("@import");
    assertThat(page.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://")
        .doesNotContain("https://");
  }

  @Test
  void failOnLoss_exitsThreeWhenAlertsAreLost() {
    assertThat(simulate("--fail-on-loss").status()).isEqualTo(3);
  }

  @Test
  void invalidPolicy_exitsOneWithTheApiserverMessage() throws IOException {
    Path p = tmp.resolve("bad.yaml");
    Files.writeString(p, "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Loud\n");
    PolicyCommandTest.Run r = PolicyCommandTest.run("simulate", "-p", p.toString(),
        example("cluster-traffic.jsonl"));
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("Invalid: the apiserver refuses this policy")
        .contains(":4:10: error: rules[0].level");
  }

  @Test
  void missingLog_exitsOne() {
    PolicyCommandTest.Run r = PolicyCommandTest.run("simulate", "-p",
        example("article-policy.yaml"), "-r", detections(), tmp.resolve("none.jsonl").toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("no such file or directory");
  }

  @Test
  void progressLine_isBoundedAndShowsPercent() {
    long[] now = {0};
    java.io.StringWriter sw = new java.io.StringWriter();
    Progress p = new Progress(new java.io.PrintWriter(sw), "simulate", 1000, () -> now[0]);
    p.update(10, 1);
    assertThat(sw.toString()).isEmpty();
    now[0] = Progress.INTERVAL_NANOS;
    p.update(500, 7);
    p.update(600, 8);
    assertThat(sw.toString()).contains("50%").contains("7 events").doesNotContain("8 events");
  }
}
