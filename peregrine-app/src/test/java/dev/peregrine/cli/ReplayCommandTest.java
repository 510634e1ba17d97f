package dev.peregrine.cli;

import dev.peregrine.TestRepo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay command as a user runs it: files in, alerts on stdout, summary on stderr. */
class ReplayCommandTest {
  @TempDir Path tmp;

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(status, out.toString(), err.toString());
  }

  static Path example() {
    return TestRepo.repoRoot().resolve("examples/audit-sample.jsonl");
  }

  @Test
  void replay_builtinRulesOnSample_printsAlertsAndSummary() {
    Run r = run("replay", example().toString());
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("Warning K8s configmap with private credential (user=alice@example.com"
        + " verb=create resource=configmaps configmap=payment-settings namespace=shop)");
    assertThat(r.out()).contains("Notice Attach/Exec to pod (user=bob@example.com pod=debug-shell");
    assertThat(r.out()).contains("Warning Pod started with privileged container");
    assertThat(r.err()).contains("audit-sample.jsonl:7: data not recognized as a k8s audit event");
    assertThat(r.err()).contains("Events read: 6, invalid records: 1");
    assertThat(r.err()).contains("Create/Modify Configmap With Private Credentials: 1");
  }

  @Test
  void badCommandLine_exitsTwo() {
    assertThat(run("replay").status()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run("replay", "--bogus", "x").status()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run("replay", "--threads=x", example().toString()).status())
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(run("webhook-config").status()).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void replay_strict_exitsOneOnInvalidRecords() {
    assertThat(run("replay", "--strict", example().toString()).status()).isEqualTo(1);
  }

  @Test
  void replay_json_printsFalcoShapedAlerts() {
    Run r = run("replay", "--json", "-t", "T1552", example().toString());
    assertThat(r.status()).isZero();
    assertThat(r.out().strip().split("\n")).hasSize(1);
    assertThat(r.out()).startsWith("{\"hostname\":").contains("\"priority\":\"Warning\"")
        .contains("\"rule\":\"Create/Modify Configmap With Private Credentials\"")
        .contains("\"source\":\"k8s_audit\"").contains("\"evt.time\":");
  }

  @Test
  void replay_gzipAndStdinDash_work() throws IOException {
    Path gz = tmp.resolve("log.bin");
    try (GZIPOutputStream z = new GZIPOutputStream(Files.newOutputStream(gz))) {
      z.write(Files.readAllBytes(example()));
    }
    Run r = run("replay", gz.toString());
    assertThat(r.err()).contains("Events read: 6");
  }

  @Test
  void replay_typoInField_pointsAtFileLineColumnAndExitsOne() throws IOException {
    Path rules = tmp.resolve("typo.yaml");
    Files.writeString(rules, """
        - rule: typo
          desc: a rule with a misspelled field
          condition: ka.verb = create and ka.usr.name = bob
          output: "x %ka.verb"
          priority: WARNING
          source: k8s_audit
        """);
    Run r = run("replay", "-r", rules.toString(), example().toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains(rules + ":3:35: error: filter_check called with nonexistent"
        + " field ka.usr.name");
    assertThat(r.err()).contains("  |   condition: ka.verb = create and ka.usr.name = bob\n"
        + "  |                                   ^");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void replay_badOverride_isUsageError() {
    assertThat(run("replay", "-o", "nope=1", example().toString()).status()).isEqualTo(2);
  }

  @Test
  void rulesValidate_reportsOkAndErrors() throws IOException {
    Path good = tmp.resolve("good.yaml");
    Files.writeString(good, """
        - rule: ok
          desc: d
          condition: ka.verb = get
          output: "x"
          priority: INFO
          source: k8s_audit
        """);
    Run ok = run("rules", "validate", good.toString());
    assertThat(ok.status()).isZero();
    assertThat(ok.out()).contains(good + ": Ok");
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, "- rule: broken\n  condition: ka.verb = (\n");
    Run r = run("rules", "validate", bad.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains(bad + ":").contains("Invalid");
  }

  @Test
  void fields_listsKaFieldsWithTypes() {
    Run r = run("fields", "--prefix", "ka.user");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("ka.user.name").contains("ka.user.groups");
  }

  @Test
  void stdinDash_isRead() throws IOException {
    byte[] data = Files.readAllBytes(example());
    java.io.InputStream saved = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream(data));
      Run r = run("replay", "-");
      assertThat(r.err()).contains("Events read: 6");
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void replay_auditPolicy_appliesLevelsBeforeTheRules() throws IOException {
    Path policy = tmp.resolve("policy.yaml");
    Files.writeString(policy, """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: [RequestReceived]
        rules:
          - level: None
            resources:
              - group: ""
                resources: ["leases"]
          - level: Metadata
            resources:
              - group: ""
                resources: ["configmaps"]
          - level: RequestResponse
        """);
    Run r = run("replay", "--audit-policy", policy.toString(), example().toString());
    assertThat(r.status()).isZero();
    // configmaps at Metadata: the data the credentials rule reads is stripped
    assertThat(r.out()).doesNotContain("configmap with private credential");
    assertThat(r.out()).contains("Attach/Exec to pod");
    assertThat(r.err()).contains("Events dropped by the audit policy: 1");
    Run without = run("replay", example().toString());
    assertThat(without.out()).contains("configmap with private credential");
  }
}
