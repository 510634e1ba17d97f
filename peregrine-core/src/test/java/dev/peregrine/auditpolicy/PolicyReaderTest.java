package dev.peregrine.auditpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.diag.Issue;
import dev.peregrine.diag.Position;
import dev.peregrine.diag.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading policies: values, positions of rules and keys, decode errors with file:line:col. */
class PolicyReaderTest {
  static PolicyReader.Result read(String text) {
    return new PolicyReader().read(new SourceFile("p.yaml", text));
  }

  static final String POLICY = """
      apiVersion: audit.k8s.io/v1
      kind: Policy
      omitStages: [RequestReceived]
      omitManagedFields: true
      rules:
        - level: None
          users: ["system:kube-proxy"]
          verbs: [watch]
          resources:
          - group: ""
            resources: [endpoints, services]
        - level: Metadata
          omitManagedFields: false
      """;

  @Test
  void read_decodesEveryField() {
    PolicyReader.Result r = read(POLICY);
    assertThat(r.issues()).isEmpty();
    Policy p = r.policy();
    assertThat(p.omitStages()).containsExactly("RequestReceived");
    assertThat(p.omitManagedFields()).isTrue();
    assertThat(p.rules()).hasSize(2);
    PolicyRule r0 = p.rules().get(0);
    assertThat(r0.level()).isEqualTo("None");
    assertThat(r0.users()).containsExactly("system:kube-proxy");
    assertThat(r0.resources()).containsExactly(
        new GroupResources("", List.of("endpoints", "services"), List.of()));
    assertThat(r0.omitManagedFields()).isNull();
    assertThat(p.rules().get(1).omitManagedFields()).isFalse();
  }

  @Test
  void read_keepsPositionsOfRulesKeysAndValues() {
    Locations loc = read(POLICY).policy().locations();
    assertThat(loc.of("rules[0]")).extracting(Position::line, Position::column)
        .containsExactly(6, 5);
    assertThat(loc.of("rules[1].level")).extracting(Position::line, Position::column)
        .containsExactly(12, 12);
    assertThat(loc.key("rules[0].verbs")).extracting(Position::line, Position::column)
        .containsExactly(8, 5);
    assertThat(loc.of("rules[0].resources[0].resources[1]"))
        .extracting(Position::line, Position::column).containsExactly(11, 30);
    // a missing field falls back to its enclosing rule
    assertThat(loc.of("rules[1].verbs")).isEqualTo(loc.of("rules[1]"));
  }

  @Test
  void read_yamlSyntaxError_pointsAtProblem() {
    PolicyReader.Result r = read("apiVersion: audit.k8s.io/v1\nrules: [a, b\n");
    assertThat(r.ok()).isFalse();
    Issue i = r.issues().get(0);
    assertThat(i.code()).isEqualTo(PolicyReader.CODE_YAML);
    assertThat(i.position().line()).isEqualTo(3);
    assertThat(i.render()).startsWith("p.yaml:3:1: error: YAML syntax error");
  }

  @Test
  void read_wrongTypes_areDecodeErrorsWithPositions() {
    PolicyReader.Result r = read("""
        apiVersion: audit.k8s.io/v1
        kind: Policy
        rules:
        - level: 3
          users: alice
          omitManagedFields: "yes"
        """);
    assertThat(r.issues()).extracting(Issue::code).containsOnly(PolicyReader.CODE_DECODE);
    assertThat(r.issues()).extracting(Issue::toString).containsExactly(
        "p.yaml:4:10: error: rules[0].level: expected a string, found a number (3) (the"
            + " apiserver fails to decode the policy) [POLICY_ERR_DECODE]",
        "p.yaml:5:10: error: rules[0].users: expected a list of strings, found a string (alice)"
            + " (the apiserver fails to decode the policy) [POLICY_ERR_DECODE]",
        "p.yaml:6:22: error: rules[0].omitManagedFields: expected true or false, found a string"
            + " (yes) (the apiserver fails to decode the policy) [POLICY_ERR_DECODE]");
  }

  @Test
  void read_yaml11Booleans_areBooleansAsForTheApiserver() {
    PolicyReader.Result r = read("""
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitManagedFields: yes
        rules:
        - level: on
        """);
    assertThat(r.policy().omitManagedFields()).isTrue();
    assertThat(r.issues()).singleElement().extracting(Issue::message).asString()
        .startsWith("rules[0].level: expected a string, found a boolean (on)");
  }

  @Test
  void read_v1beta1_isRejectedAtApiVersion() {
    PolicyReader.Result r = read("apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n"
        + "- level: Metadata\n");
    assertThat(r.issues()).singleElement().satisfies(i -> {
      assertThat(i.position().line()).isEqualTo(1);
      assertThat(i.position().column()).isEqualTo(13);
      assertThat(i.message()).contains("removed in Kubernetes 1.24");
    });
  }

  @Test
  void read_unknownAndDuplicateKeys_areRecordedNotErrors() {
    PolicyReader.Result r = read("""
        apiVersion: audit.k8s.io/v1
        kind: Policy
        rules:
        - level: None
          level: Metadata
          resources:
          - group: coordination.k8s.io
            verbs: [get]
        """);
    assertThat(r.ok()).isTrue();
    assertThat(r.policy().rules().get(0).level()).isEqualTo("Metadata");
    assertThat(r.policy().rules().get(0).verbs()).isEmpty();
    assertThat(r.policy().keyProblems()).containsExactly(
        new KeyProblem(KeyProblem.Kind.DUPLICATE, "rules[0]", "level", new Position(64, 5, 3)),
        new KeyProblem(KeyProblem.Kind.UNKNOWN, "rules[0].resources[0]", "verbs",
            new Position(128, 8, 5)));
  }

  @Test
  void read_json_isAccepted() {
    PolicyReader.Result r = read("{\"apiVersion\":\"audit.k8s.io/v1\",\"kind\":\"Policy\","
        + "\"rules\":[{\"level\":\"None\"}]}");
    assertThat(r.ok()).isTrue();
    assertThat(r.policy().rules()).containsExactly(PolicyRule.ofLevel(Level.NONE));
  }

  @Test
  void read_emptyAndScalarDocuments_areErrors() {
    assertThat(read("").ok()).isFalse();
    assertThat(read("# only a comment\n").ok()).isFalse();
    assertThat(read("just text").issues().get(0).message()).contains("must be a mapping");
  }
}
