package dev.peregrine.cli;

import dev.peregrine.TestRepo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code peregrine rules test}: the bundled tests pass, broken expectations fail readably. */
class RuleTestCommandTest {
  @TempDir Path tmp;

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(status, out.toString(), err.toString());
  }

  private static final String EVENT = """
      {"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"a1","stage":"ResponseComplete",\
      "verb":"create","requestURI":"/api/v1/namespaces/shop/pods",\
      "user":{"username":"bob"},"objectRef":{"resource":"pods","namespace":"shop"},\
      "responseStatus":{"code":201},"stageTimestamp":"2026-11-20T10:00:00Z",\
      "requestObject":{"spec":{"containers":[{"name":"a","image":"nginx",\
      "securityContext":{"privileged":true}}]}}}
      """;

  @Test
  void noPath_runsBundledTests_allPassWithFullCoverage() {
    Run r = run("rules", "test", "--coverage");
    assertThat(r.status()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).containsPattern("\\d+ test\\(s\\) in 7 file\\(s\\): \\d+ passed, 0 failed")
        .contains("0 without a positive test, 0 without a negative test");
  }

  @Test
  void bundledIndex_listsEveryTestFileOfTheRulesFolder() throws IOException {
    Path dir = TestRepo.repoRoot().resolve("rules/tests");
    List<String> index = Files.readAllLines(dir.resolve("index.txt")).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .sorted().toList()).isEqualTo(index);
    }
  }

  @Test
  void brokenExpectation_failsWithReadableDiffAndExitOne() throws IOException {
    Path events = tmp.resolve("pod.jsonl");
    Files.writeString(events, EVENT);
    Path test = tmp.resolve("t.yaml");
    Files.writeString(test, """
        tests:
          - name: wrong expectations
            event_files: pod.jsonl
            expect:
              alerts:
                - {rule: Create Privileged Pod, count: 2}
                - {rule: Disallowed K8s User, output_fields: {ka.user.name: alice}}
              absent: [Create HostNetwork Pod, Create Privileged Pod]
          - name: right expectations
            event_files: [pod.jsonl]
            expect:
              alerts: [{rule: Create Privileged Pod, count: 1, priority: warning}]
        """);
    Path xml = tmp.resolve("report.xml");
    Run r = run("rules", "test", "--junit-xml", xml.toString(), test.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("FAIL " + test + ": wrong expectations\n"
        + "  Create Privileged Pod: expected 2 alerts, got 1\n"
        + "  Disallowed K8s User: output field ka.user.name: expected \"alice\", got \"bob\"\n"
        + "  Create Privileged Pod: expected no alert, got 1\n"
        + "  alerts raised (2):\n"
        + "    Warning Create Privileged Pod: Pod started with privileged container (user=bob");
    assertThat(r.out()).doesNotContain("FAIL " + test + ": right expectations")
        .contains("2 test(s) in 1 file(s): 1 passed, 1 failed");
    String report = Files.readString(xml);
    assertThat(report).contains("<testsuites name=\"peregrine rules test\" tests=\"2\""
        + " failures=\"1\" errors=\"0\"")
        .contains("<testcase classname=\"" + test + "\" name=\"right expectations\"")
        .contains("<failure message=\"Create Privileged Pod: expected 2 alerts, got 1\">");
  }

  @Test
  void inlineEvents_mergeDefaults_andSilenceAndInlineRulesWork() throws IOException {
    Path test = tmp.resolve("t.yaml");
    Files.writeString(test, """
        rules:
          - inline: |
              - rule: Pod In Shop
                desc: any pod created in shop
                condition: ka.verb = create and ka.target.namespace = shop
                output: "pod in shop by %ka.user.name"
                priority: NOTICE
                source: k8s_audit
        options: {rule_matching: first}
        event_defaults:
          kind: Event
          auditID: x
          stage: ResponseComplete
          stageTimestamp: "2026-11-20T10:00:00Z"
          verb: create
          user: {username: bob}
          objectRef: {resource: pods, namespace: shop}
        tests:
          - name: created in shop
            events: [{}]
            expect:
              alerts: [{rule: Pod In Shop, count: 1, output_contains: "by bob"}]
              exclusive: true
          - name: elsewhere is silent
            events: [{objectRef: {namespace: web}}, {objectRef: {namespace: null}}]
            expect: {silent: true}
        """);
    Run r = run("rules", "test", "-v", test.toString());
    assertThat(r.status()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("PASS " + test + ": created in shop")
        .contains("2 test(s) in 1 file(s): 2 passed, 0 failed");
  }

  @Test
  void unknownRuleName_andRulesErrors_areReported() throws IOException {
    Path test = tmp.resolve("t.yaml");
    Files.writeString(test, """
        tests:
          - name: typo in a rule name
            events: ['%s']
            expect: {absent: [Create Priviledged Pod]}
          - name: broken rules
            rules: [{inline: "- rule: x\\n  condition: ka.verb = (\\n"}]
            events: ['%s']
            expect: {silent: true}
        """.formatted(EVENT.strip(), EVENT.strip()));
    Run r = run("rules", "test", test.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("Create Priviledged Pod: no rule of this name is loaded")
        .contains("ERROR " + test + ": broken rules\n  rules have errors:");
  }

  @Test
  void malformedTestFile_isRejectedWithItsLocation() throws IOException {
    Path test = tmp.resolve("t.yaml");
    Files.writeString(test, "tests:\n  - name: a\n    events: [{}]\n    expect: {alert: [x]}\n");
    Run r = run("rules", "test", test.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains(test + ": test 'a': unknown key 'alert' in expect");
  }

  @Test
  void attackCapture_defaultRuleset_alertsOnEveryAttackStep() {
    Run r = run("replay", TestRepo.repoRoot().resolve("examples/attack-capture.jsonl").toString());
    assertThat(r.status()).isZero();
    assertThat(r.err()).contains("Events read: 16, invalid records: 0", "Events detected: 13");
    assertThat(r.out()).contains("Critical Pod mounts the container runtime socket",
        "Critical Permissions granted to anonymous callers", "Cluster Role Binding to cluster-admin",
        "Files copied to or from a pod with tar", "Kubernetes events deleted");
  }
}
