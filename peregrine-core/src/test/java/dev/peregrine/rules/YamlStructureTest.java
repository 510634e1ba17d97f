package dev.peregrine.rules;

import static dev.peregrine.rules.Loads.errors;
import static dev.peregrine.rules.Loads.load;
import static dev.peregrine.rules.Loads.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.diag.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Document and item structure checks, with Falco's codes and messages. */
class YamlStructureTest {
  private static final String RULE_TAIL = "  desc: d\n  output: o\n  priority: INFO\n";

  @Test
  void yamlSyntaxErrorHasLineAndColumn() {
    LoadResult r = load("- rule: a\n  condition: x: y\n");
    assertThat(r.hasErrors()).isTrue();
    Issue i = r.issues().get(0);
    assertThat(i.code()).isEqualTo("LOAD_ERR_YAML_PARSE");
    assertThat(i.message()).startsWith("error at line 2, column ");
    assertThat(i.position().line()).isEqualTo(2);
  }

  @Test
  void scalarDocumentIsNotYaml() {
    assertThat(errors(load("foo"))).containsExactly(
        "LOAD_ERR_YAML_VALIDATE: Rules content is not yaml");
  }

  @Test
  void mappingDocumentIsNotArray() {
    assertThat(errors(load("foo: bar\n"))).containsExactly(
        "LOAD_ERR_YAML_VALIDATE: Rules content is not yaml array of objects");
  }

  @Test
  void nonMapItem() {
    assertThat(errors(load("- foo\n"))).containsExactly("LOAD_ERR_YAML_VALIDATE: Unexpected"
        + " element type. Each element should be a yaml associative array.");
  }

  @Test
  void emptyDocumentsAndNullItemsAreSkipped() {
    LoadResult r = load("---\n---\n- \n- list: l\n  items: []\n");
    assertThat(errors(r)).isEmpty();
  }

  @Test
  void unknownTopLevelItemIsAWarning() {
    LoadResult r = load("- foo: bar\n");
    assertThat(errors(r)).isEmpty();
    assertThat(warnings(r)).containsExactly("LOAD_UNKNOWN_ITEM: Unknown top level item");
  }

  @Test
  void unknownKeyIsAWarningAtTheKey() {
    LoadResult r = load("- list: l\n  items: [a]\n  colour: red\n- macro: m\n  condition: "
        + "ka.verb in (l)\n- rule: r\n  condition: m\n" + RULE_TAIL + "  severity: x\n");
    assertThat(errors(r)).isEmpty();
    assertThat(warnings(r)).containsExactly(
        "LOAD_UNKNOWN_KEY: Unknown key 'colour'. The key will be ignored.",
        "LOAD_UNKNOWN_KEY: Unknown key 'severity'. The key will be ignored.");
    assertThat(r.issues().get(0).position().line()).isEqualTo(3);
    assertThat(r.issues().get(0).position().column()).isEqualTo(3);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "- list: bad_list\\n| Item has no mapping for key 'items'",
    "- list: l\\n  items: a\\n| Value is not a sequence",
    "- list: l\\n  items: [[a]]\\n| sequence value is not scalar",
    "- list:\\n  items: []\\n| Mapping for key 'list' is empty",
    "- list: ''\\n  items: []\\n| Value must be non-empty",
    "- list: [a]\\n  items: []\\n| Value is not a scalar value",
    "- macro: m\\n| Item has no mapping for key 'condition'",
    "- rule: r\\n  condition: ka.verb=x\\n  desc: d\\n  priority: INFO\\n"
        + "| Item has no mapping for key 'output'",
    "- rule: r\\n  condition: ka.verb=x\\n  output: o\\n  priority: INFO\\n"
        + "| Item has no mapping for key 'desc'",
    "- rule: r\\n  condition: ka.verb=x\\n  output: o\\n  desc: d\\n"
        + "| Item has no mapping for key 'priority'",
    "- rule: r\\n  output: o\\n  desc: d\\n  priority: INFO\\n"
        + "| Item has no mapping for key 'condition'",
    "- rule: r\\n  condition: ka.verb=x\\n  output: o\\n  desc: d\\n  priority: warn\\n"
        + "| Invalid priority",
    "- rule: r\\n  condition: ka.verb=x\\n  output: o\\n  desc: d\\n  priority: INFO\\n"
        + "  enabled: maybe\\n| Can't decode YAML scalar value",
    "- rule: r\\n  condition: ka.verb=x\\n  output: o\\n  desc: d\\n  priority: INFO\\n"
        + "  exceptions: x\\n| Rule exceptions must be a sequence",
    "- rule: r\\n  condition: ka.verb=x\\n  output: o\\n  desc: d\\n  priority: INFO\\n"
        + "  exceptions: [x]\\n| Rule exception must be a mapping",
    "- rule: r\\n  condition: ka.verb=x\\n  output: o\\n  desc: d\\n  priority: INFO\\n"
        + "  exceptions: [{name: e, fields: ka.verb, values: x}]\\n"
        + "| Rule exception values must be a sequence",
    "- rule: r\\n  condition: ka.verb=x\\n  output: o\\n  desc: d\\n  priority: INFO\\n"
        + "  exceptions: [{fields: ka.verb}]\\n| Item has no mapping for key 'name'",
    "- rule: r\\n  enabled: true\\n  tags: []\\n| Rule has 'enabled' key but no rule by that"
        + " name already exists",
    "- rule: r\\n  tags: []\\n| Item has no mapping for key 'enabled'",
    "- required_plugin_versions: x\\n| Value of required_plugin_versions must be a sequence",
    "- required_plugin_versions: [x]\\n| Plugin version must be a mapping",
    "- required_plugin_versions: [{name: k8saudit}]\\n| Item has no mapping for key 'version'",
    "- required_plugin_versions: [{name: k8saudit, version: 1.0.0, alternatives: x}]\\n"
        + "| Value of plugin version alternatives must be a sequence",
    "- required_plugin_versions: [{name: k8saudit, version: 1.0.0, alternatives: [x]}]\\n"
        + "| Plugin version alternative must be a mapping",
    "- required_plugin_versions: [{name: k8saudit, version: x}]\\n"
        + "| Invalid required version 'x' for plugin 'k8saudit'",
    "- required_plugin_versions: [{name: k8saudit, version: 1.0.0, alternatives: "
        + "[{name: k8saudit, version: 2.0.0}]}]\\n"
        + "| Defined multiple alternative version requirements for plugin 'k8saudit'",
  })
  void structuralErrors(String yaml, String message) {
    LoadResult r = load(yaml.replace("\\n", "\n"));
    assertThat(r.issues()).filteredOn(Issue::isError).extracting(Issue::message)
        .containsExactly(message);
  }

  @Test
  void loadingContinuesAfterAnErrorAndReportsAll() {
    LoadResult r = load("- list: a\n- macro: m\n- rule: ok\n  condition: ka.verb=get\n"
        + RULE_TAIL);
    assertThat(errors(r)).containsExactly(
        "LOAD_ERR_YAML_VALIDATE: Item has no mapping for key 'items'",
        "LOAD_ERR_YAML_VALIDATE: Item has no mapping for key 'condition'");
    assertThat(r.rules()).extracting(RuleDef::name).containsExactly("ok");
  }

  @Test
  void itemKindIsDecidedByKeyOrder() {
    LoadResult r = load("- macro: m\n  list: l\n  items: [a]\n  condition: x\n");
    assertThat(warnings(r)).contains(
        "LOAD_UNKNOWN_KEY: Unknown key 'macro'. The key will be ignored.",
        "LOAD_UNKNOWN_KEY: Unknown key 'condition'. The key will be ignored.");
  }

  @Test
  void invalidNamesWarn() {
    LoadResult r = load("- list: 'a b'\n  items: []\n- macro: 9m\n  condition: ka.verb=x\n");
    assertThat(warnings(r)).contains(
        "LOAD_INVALID_LIST_NAME: " + Codes.ERROR_INVALID_LIST_NAME,
        "LOAD_INVALID_MACRO_NAME: " + Codes.ERROR_INVALID_MACRO_NAME);
  }

  @Test
  void multipleDocuments() {
    LoadResult r = load("- macro: m\n  condition: ka.verb=get\n---\n- rule: r\n  condition: m\n"
        + RULE_TAIL);
    assertThat(errors(r)).isEmpty();
    assertThat(r.rules()).hasSize(1);
  }
}
