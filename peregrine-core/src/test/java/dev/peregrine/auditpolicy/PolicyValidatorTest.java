package dev.peregrine.auditpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.diag.Issue;
import dev.peregrine.diag.SourceFile;
import org.junit.jupiter.api.Test;

/** Validation messages in the apiserver's words, with positions; the loader's verdict. */
class PolicyValidatorTest {
  static PolicyLoader.Verdict load(String text) {
    return new PolicyLoader().load(new SourceFile("p.yaml", text));
  }

  @Test
  void messages_matchTheApiserver() {
    PolicyLoader.Verdict v = load("""
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: [Done]
        rules:
        - level: FooBar
        - verbs: [get]
          nonResourceURLs: [metrics, /logs/*.log]
          namespaces: [default]
        - level: Metadata
          resources:
          - group: ""
          - group: rbac.authorization.k8s.io/v1
            resourceNames: [edit]
        """);
    assertThat(v.accepted()).isFalse();
    assertThat(v.issues()).extracting(Issue::toString).containsExactly(
        "p.yaml:3:14: error: omitStages[0]: Invalid value: \"Done\": allowed stages are"
            + " RequestReceived,ResponseStarted,ResponseComplete,Panic [POLICY_ERR_VALIDATION]",
        "p.yaml:5:10: error: rules[0].level: Unsupported value: \"FooBar\": supported values:"
            + " \"None\", \"Metadata\", \"Request\", \"RequestResponse\" [POLICY_ERR_VALIDATION]",
        "p.yaml:6:3: error: rules[1].level: Required value [POLICY_ERR_VALIDATION]",
        "p.yaml:7:21: error: rules[1].nonResourceURLs[0]: Invalid value: \"metrics\":"
            + " non-resource URL rules must begin with a '/' character [POLICY_ERR_VALIDATION]",
        "p.yaml:7:30: error: rules[1].nonResourceURLs[1]: Invalid value: \"/logs/*.log\":"
            + " non-resource URL wildcards '*' must be the final character of the rule"
            + " [POLICY_ERR_VALIDATION]",
        "p.yaml:7:3: error: rules[1].nonResourceURLs: Invalid value: []string{\"metrics\","
            + " \"/logs/*.log\"}: rules cannot apply to both regular resources and non-resource"
            + " URLs [POLICY_ERR_VALIDATION]",
        "p.yaml:12:12: error: rules[2].resources.group: Invalid value:"
            + " \"rbac.authorization.k8s.io/v1\": a lowercase RFC 1123 subdomain must consist of"
            + " lower case alphanumeric characters, '-' or '.', and must start and end with an"
            + " alphanumeric character (e.g. 'example.com', regex used for validation is"
            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
            + " [POLICY_ERR_VALIDATION]",
        "p.yaml:13:5: error: rules[2].resources.resourceNames: Invalid value: []string{\"edit\"}:"
            + " using resourceNames requires at least one resource [POLICY_ERR_VALIDATION]");
    assertThat(v.apiserverMessage().orElseThrow()).startsWith("[omitStages[0]: Invalid value");
  }

  @Test
  void groupWildcard_dependsOnKubernetesVersion() {
    String text = "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n"
        + "  resources:\n  - group: \"*\"\n";
    assertThat(load(text).accepted()).isTrue();
    PolicyLoader.Verdict old = new PolicyLoader(new PolicyValidator(false))
        .load(new SourceFile("p.yaml", text));
    assertThat(old.validationErrors()).extracting(FieldError::field)
        .containsExactly("rules[0].resources.group");
  }

  @Test
  void zeroRules_refusedByTheLoaderOnly() {
    PolicyLoader.Verdict v = load("apiVersion: audit.k8s.io/v1\nkind: Policy\n");
    assertThat(v.validationErrors()).isEmpty();
    assertThat(v.accepted()).isFalse();
    assertThat(v.apiserverMessage()).contains("loaded illegal policy with 0 rules");
  }

  @Test
  void render_showsSourceLineAndCaret() {
    PolicyLoader.Verdict v = load("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n"
        + "- level: Metadata\n  omitStages: [Sent]\n");
    assertThat(v.errors().get(0).render()).isEqualTo("""
        p.yaml:5:16: error: rules[0].omitStages[0]: Invalid value: "Sent": allowed stages are \
        RequestReceived,ResponseStarted,ResponseComplete,Panic [POLICY_ERR_VALIDATION]
          |   omitStages: [Sent]
          |                ^""");
  }
}
