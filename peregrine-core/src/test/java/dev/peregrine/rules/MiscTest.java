package dev.peregrine.rules;

import static dev.peregrine.rules.Loads.errors;
import static dev.peregrine.rules.Loads.load;
import static dev.peregrine.rules.Loads.rule;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Priorities, engine and plugin versions, defaults and flags. */
class MiscTest {
  private static final String RULE = "- rule: r\n  condition: ka.verb=get\n  desc: d\n"
      + "  output: o\n";

  @ParameterizedTest
  @CsvSource({"emergency,EMERGENCY", "ALERT,ALERT", "Critical,CRITICAL", "error,ERROR",
      "WARNING,WARNING", "notice,NOTICE", "info,INFORMATIONAL", "Informational,INFORMATIONAL",
      "DEBUG,DEBUG"})
  void priorities(String text, Priority expected) {
    LoadResult r = load(RULE + "  priority: " + text + "\n");
    assertThat(errors(r)).isEmpty();
    assertThat(rule(r, "r").priority()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"warn", "err", "crit", "high"})
  void invalidPriorities(String text) {
    LoadResult r = load(RULE + "  priority: " + text + "\n");
    assertThat(errors(r)).containsExactly("LOAD_ERR_YAML_VALIDATE: Invalid priority");
  }

  @Test
  void defaults() {
    RuleDef r = rule(load(RULE + "  priority: info\n"), "r");
    assertThat(r.source()).isEqualTo("syscall");
    assertThat(r.enabled()).isTrue();
    assertThat(r.skipIfUnknownFilter()).isFalse();
    assertThat(r.tags()).isEmpty();
  }

  @Test
  void flagsAndCaptureAccepted() {
    LoadResult r = load(RULE + "  priority: info\n  enabled: false\n"
        + "  skip-if-unknown-filter: true\n  warn_evttypes: false\n  capture: true\n"
        + "  capture_duration: 100\n");
    assertThat(r.issues()).isEmpty();
    assertThat(rule(r, "r").enabled()).isFalse();
    assertThat(rule(r, "r").skipIfUnknownFilter()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"15|", "0.63.0|", "'0.10.0'|", "63|",
      "64|Rules require engine version 0.64.0, but engine version is 0.63.0",
      "1.0.0|Rules require engine version 1.0.0, but engine version is 0.63.0",
      "abc|Unable to parse engine version 'abc' as a semver string. Expected \"x.y.z\" semver"
          + " format."})
  void engineVersion(String v, String error) {
    LoadResult r = load("- required_engine_version: " + v + "\n");
    if (error == null) {
      assertThat(errors(r)).isEmpty();
    } else {
      assertThat(r.issues()).singleElement().satisfies(i -> {
        assertThat(i.message()).isEqualTo(error);
        assertThat(i.isError()).isTrue();
      });
    }
  }

  @Test
  void pluginRequirementsAreKept() {
    LoadResult r = load("- required_plugin_versions:\n  - name: k8saudit\n    version: 0.7.0\n"
        + "    alternatives:\n      - name: k8saudit-eks\n        version: 0.4.0\n"
        + "  - name: json\n    version: 0.7.0\n");
    assertThat(errors(r)).isEmpty();
    assertThat(r.requiredPlugins()).hasSize(2);
    assertThat(r.requiredPlugins().get(0).alternatives()).extracting(v -> v.name())
        .containsExactly("k8saudit", "k8saudit-eks");
  }

  @Test
  void unknownPluginWithoutAlternativeFails() {
    LoadResult r = load("- required_plugin_versions:\n  - name: cloudtrail\n    version: 0.1.0\n"
        + "    alternatives:\n      - name: okta\n        version: 0.2.0\n");
    assertThat(errors(r)).containsExactly("LOAD_ERR_VALIDATE: Plugin requirement not"
        + " satisfied, must load one of: cloudtrail (>= 0.1.0), okta (>= 0.2.0)");
  }

  @Test
  void otherSourcesAreReturnedAndOnlySyntaxMatters() {
    LoadResult r = load(RULE + "  priority: info\n  source: aws_cloudtrail\n"
        + "- rule: s\n  condition: proc.name=cat and\n  desc: d\n  output: o\n  priority: info\n");
    assertThat(rule(r, "r").source()).isEqualTo("aws_cloudtrail");
    assertThat(rule(r, "r").condition()).isNotNull();
    assertThat(errors(r)).singleElement().asString().startsWith("LOAD_ERR_COMPILE_CONDITION");
  }

  @Test
  void laterFilesExtendEarlierOnes() {
    LoadResult r = Loads.loadAll(RULE + "  priority: info\n",
        "- rule: r\n  condition: or ka.verb=list\n  override:\n    condition: append\n");
    assertThat(errors(r)).isEmpty();
    assertThat(rule(r, "r").conditionText()).isEqualTo("ka.verb=get or ka.verb=list");
    var or = (dev.peregrine.lang.Expr.Or) rule(r, "r").condition();
    assertThat(r.sources().file(or.children().get(1).pos()).name()).isEqualTo("f2.yaml");
  }
}
