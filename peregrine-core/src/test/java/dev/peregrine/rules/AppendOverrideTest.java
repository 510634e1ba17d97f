package dev.peregrine.rules;

import static dev.peregrine.rules.Loads.errors;
import static dev.peregrine.rules.Loads.load;
import static dev.peregrine.rules.Loads.loadAll;
import static dev.peregrine.rules.Loads.rule;
import static dev.peregrine.rules.Loads.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.lang.ExprPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Redefinition, deprecated append and override: append/replace, with their errors. */
class AppendOverrideTest {
  private static final String BASE = "- rule: r\n  condition: ka.verb=get or ka.verb=list\n"
      + "  desc: d\n  output: '  out  '\n  priority: INFO\n  source: k8s_audit\n"
      + "  tags: [b, a]\n";
  private static final String TAIL = "  desc: d\n  output: o\n  priority: INFO\n"
      + "  source: k8s_audit\n";

  @Test
  void redefinitionReplacesButKeepsOrder() {
    LoadResult r = load("- rule: one\n  condition: ka.verb=a\n" + TAIL
        + "- rule: two\n  condition: ka.verb=b\n" + TAIL
        + "- rule: one\n  condition: ka.verb=c\n" + TAIL);
    assertThat(r.rules()).extracting(RuleDef::name).containsExactly("one", "two");
    assertThat(rule(r, "one").conditionText()).isEqualTo("ka.verb=c");
    assertThat(rule(r, "one").index()).isZero();
  }

  @Test
  void redefinitionWithOtherSourceFails() {
    LoadResult r = load("- rule: one\n  condition: ka.verb=a\n" + TAIL
        + "- rule: one\n  condition: ka.verb=c\n  desc: d\n  output: o\n  priority: INFO\n");
    assertThat(errors(r)).containsExactly(
        "LOAD_ERR_VALIDATE: Rule has been re-defined with a different source");
  }

  @Test
  void outputIsTrimmedAndTagsSorted() {
    RuleDef r = rule(load(BASE), "r");
    assertThat(r.output()).isEqualTo("out");
    assertThat(r.tags()).containsExactly("a", "b");
    assertThat(r.source()).isEqualTo("k8s_audit");
  }

  @Test
  void deprecatedAppendIsTextualAndWarns() {
    LoadResult r = load(BASE + "- rule: r\n  condition: and ka.user.name=x\n  append: true\n");
    assertThat(errors(r)).isEmpty();
    assertThat(warnings(r)).containsExactly("LOAD_DEPRECATED_ITEM: " + Codes.WARNING_APPEND);
    assertThat(rule(r, "r").conditionText())
        .isEqualTo("ka.verb=get or ka.verb=list and ka.user.name=x");
    assertThat(ExprPrinter.print(rule(r, "r").condition()))
        .isEqualTo("ka.verb = get or ka.verb = list and ka.user.name = x");
  }

  @Test
  void appendedTextMapsToTheAppendingItem() {
    String app = "- rule: r\n  condition: and ka.user.name=x\n  append: true\n";
    String yaml = BASE + app;
    RuleDef r = rule(load(yaml), "r");
    var or = (dev.peregrine.lang.Expr.Or) r.condition();
    var and = (dev.peregrine.lang.Expr.And) or.children().get(1);
    assertThat(yaml.substring(and.children().get(1).pos())).startsWith("ka.user.name=x\n");
  }

  @Test
  void appendWithoutConditionOrExceptions() {
    LoadResult r = load(BASE + "- rule: r\n  desc: more\n  append: true\n");
    assertThat(errors(r)).containsExactly(
        "LOAD_ERR_VALIDATE: Appended rule must have exceptions or condition property");
  }

  @Test
  void listAndMacroAppend() {
    LoadResult r = loadAll("- list: l\n  items: [a]\n- macro: m\n  condition: ka.verb in (l)\n"
        + "- rule: x\n  condition: m\n" + TAIL,
        "- list: l\n  items: [b]\n  append: true\n- macro: m\n  condition: or ka.verb=c\n"
        + "  append: true\n");
    assertThat(errors(r)).isEmpty();
    assertThat(ExprPrinter.print(rule(r, "x").condition()))
        .isEqualTo("ka.verb in (a, b) or ka.verb = c");
  }

  @Test
  void overrideAppendAndReplace() {
    LoadResult r = load(BASE + "- rule: r\n  condition: and ka.user.name=x\n  output: more\n"
        + "  desc: desc2\n  tags: [c]\n  priority: ERROR\n  enabled: false\n"
        + "  override:\n    condition: append\n    output: append\n    desc: replace\n"
        + "    tags: append\n    priority: replace\n    enabled: replace\n");
    assertThat(errors(r)).isEmpty();
    RuleDef d = rule(r, "r");
    assertThat(d.conditionText()).isEqualTo("ka.verb=get or ka.verb=list and ka.user.name=x");
    assertThat(d.output()).isEqualTo("out more");
    assertThat(d.desc()).isEqualTo("desc2");
    assertThat(d.tags()).containsExactly("a", "b", "c");
    assertThat(d.priority()).isEqualTo(Priority.ERROR);
    assertThat(d.enabled()).isFalse();
  }

  @Test
  void enabledOnlyTogglesWithDeprecationWarning() {
    LoadResult r = load(BASE + "- rule: r\n  enabled: false\n");
    assertThat(errors(r)).isEmpty();
    assertThat(warnings(r)).containsExactly("LOAD_DEPRECATED_ITEM: " + Codes.WARNING_ENABLED);
    assertThat(rule(r, "r").enabled()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
    "- list: l\\n  items: [a]\\n  append: true\\n| LOAD_ERR_VALIDATE: "
        + Codes.ERROR_NO_PREVIOUS_LIST,
    "- list: l\\n  items: [a]\\n  override:\\n    items: append\\n"
        + "| LOAD_ERR_VALIDATE: " + Codes.ERROR_NO_PREVIOUS_LIST,
    "- macro: m\\n  condition: x\\n  append: true\\n| LOAD_ERR_VALIDATE: "
        + Codes.ERROR_NO_PREVIOUS_MACRO,
    "- rule: z\\n  condition: x\\n  append: true\\n| LOAD_ERR_VALIDATE: "
        + Codes.ERROR_NO_PREVIOUS_RULE_APPEND,
    "- rule: z\\n  output: x\\n  override:\\n    output: append\\n| LOAD_ERR_VALIDATE: "
        + Codes.ERROR_NO_PREVIOUS_RULE_APPEND,
    "- rule: z\\n  priority: INFO\\n  override:\\n    priority: replace\\n| LOAD_ERR_VALIDATE: "
        + Codes.ERROR_NO_PREVIOUS_RULE_REPLACE,
    "- rule: r\\n  priority: INFO\\n  override:\\n    priority: append\\n"
        + "| LOAD_ERR_YAML_VALIDATE: Key 'priority' cannot be appended to, use 'replace' instead",
    "- rule: r\\n  source: x\\n  override:\\n    source: replace\\n"
        + "| LOAD_ERR_YAML_VALIDATE: Key 'source' cannot be replaced",
    "- rule: r\\n  output: x\\n  override:\\n    output: merge\\n| LOAD_ERR_YAML_VALIDATE: "
        + "Invalid override operation for key 'output': 'merge'. Allowed values are: append"
        + " replace ",
    "- rule: r\\n  override:\\n    output: append\\n| LOAD_ERR_YAML_VALIDATE: "
        + "An append override for 'output' was specified but 'output' is not defined",
    "- rule: r\\n  override:\\n    desc: replace\\n| LOAD_ERR_YAML_VALIDATE: "
        + "An replace override for 'desc' was specified but 'desc' is not defined",
    "- rule: r\\n  output: x\\n  desc: y\\n  override:\\n    output: append\\n"
        + "| LOAD_ERR_YAML_VALIDATE: Unexpected key 'desc': no corresponding entry under"
        + " 'override' is defined.",
    "- rule: r\\n  output: x\\n  append: true\\n  override:\\n    output: append\\n"
        + "| LOAD_ERR_YAML_VALIDATE: " + Codes.ERROR_OVERRIDE_APPEND,
    "- macro: m\\n  condition: x\\n  override:\\n    condition: prepend\\n"
        + "| LOAD_ERR_YAML_VALIDATE: Invalid override operation for key 'condition': 'prepend'."
        + " Allowed values are: append replace ",
    "- list: l\\n  items: [a]\\n  override:\\n    list: append\\n"
        + "| LOAD_ERR_YAML_VALIDATE: Key 'list' cannot be appended to, use 'replace' instead",
  })
  void overrideErrors(String item, String expected) {
    LoadResult r = load(BASE + item.strip().replace("\\n", "\n"));
    assertThat(errors(r)).containsExactly(expected.stripLeading());
  }

  @Test
  void overrideReplaceOfListAndMacro() {
    LoadResult r = load("- list: l\n  items: [a]\n- macro: m\n  condition: ka.verb in (l)\n"
        + "- rule: x\n  condition: m\n" + TAIL + "- list: l\n  items: [b]\n  override:\n"
        + "    items: replace\n- macro: m\n  condition: ka.verb in (l, c)\n  override:\n"
        + "    condition: replace\n");
    assertThat(errors(r)).isEmpty();
    assertThat(ExprPrinter.print(rule(r, "x").condition())).isEqualTo("ka.verb in (b, c)");
  }
}
