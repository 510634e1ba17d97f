package dev.peregrine.rules;

import static dev.peregrine.rules.Loads.errors;
import static dev.peregrine.rules.Loads.load;
import static dev.peregrine.rules.Loads.loadAll;
import static dev.peregrine.rules.Loads.rule;
import static dev.peregrine.rules.Loads.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.lang.ExprPrinter;
import org.junit.jupiter.api.Test;

/** Macro expansion on the tree, visibility, loops and unknown names. */
class MacroTest {
  private static final String TAIL = "  desc: d\n  output: o\n  priority: INFO\n"
      + "  source: k8s_audit\n";

  @Test
  void nestedMacrosExpand() {
    LoadResult r = load("- macro: a\n  condition: ka.verb=get\n- macro: b\n"
        + "  condition: a or ka.verb=list\n- rule: r\n  condition: b and not a\n" + TAIL);
    assertThat(errors(r)).isEmpty();
    assertThat(warnings(r)).isEmpty();
    assertThat(ExprPrinter.print(rule(r, "r").condition()))
        .isEqualTo("(ka.verb = get or ka.verb = list) and not ka.verb = get");
  }

  @Test
  void expandedNodesKeepTheMacroPosition() {
    String yaml = "- macro: a\n  condition: ka.verb=get\n- rule: r\n  condition: a\n" + TAIL;
    RuleDef r = rule(load(yaml), "r");
    assertThat(yaml.substring(r.condition().pos())).startsWith("ka.verb=get\n- rule");
  }

  @Test
  void rulesSeeMacrosDefinedLater() {
    LoadResult r = load("- rule: r\n  condition: a\n" + TAIL + "- macro: a\n"
        + "  condition: ka.verb=get\n");
    assertThat(errors(r)).isEmpty();
  }

  @Test
  void macrosSeeOnlyEarlierMacros() {
    LoadResult r = load("- macro: a\n  condition: b\n- macro: b\n  condition: ka.verb=get\n"
        + "- rule: r\n  condition: a\n" + TAIL);
    assertThat(errors(r)).containsExactly(
        "LOAD_ERR_VALIDATE: Undefined macro 'b' used in filter.");
    assertThat(rule(r, "r").condition()).isNull();
  }

  @Test
  void undefinedMacroInRule() {
    String yaml = "- rule: r\n  condition: ka.verb=get and nope\n" + TAIL;
    LoadResult r = load(yaml);
    assertThat(errors(r)).containsExactly(
        "LOAD_ERR_VALIDATE: Undefined macro 'nope' used in filter.");
    assertThat(yaml.substring(r.issues().get(0).position().offset())).startsWith("nope\n");
  }

  @Test
  void referenceLoop() {
    LoadResult r = load("- macro: macro_a\n  condition: ka.verb=get\n- macro: macro_b\n"
        + "  condition: macro_a\n- macro: macro_a\n  condition: macro_b\n");
    assertThat(errors(r)).containsExactly(
        "LOAD_ERR_VALIDATE: reference loop in macro 'macro_a'");
  }

  @Test
  void appendedMacroSeesMacrosBeforeTheAppend() {
    LoadResult r = loadAll("- macro: a\n  condition: ka.verb=get\n- rule: r\n  condition: a\n"
        + TAIL, "- macro: b\n  condition: ka.verb=list\n- macro: a\n  condition: or b\n"
        + "  override:\n    condition: append\n");
    assertThat(errors(r)).isEmpty();
    assertThat(ExprPrinter.print(rule(r, "r").condition()))
        .isEqualTo("ka.verb = get or ka.verb = list");
  }

  @Test
  void syntaxErrorInMacroIsReportedOnceAndUsersFailSilently() {
    LoadResult r = load("- macro: a\n  condition: ka.verb=\n- rule: r\n  condition: a\n" + TAIL);
    assertThat(errors(r)).hasSize(1).allMatch(s -> s.startsWith("LOAD_ERR_COMPILE_CONDITION"));
    assertThat(rule(r, "r").condition()).isNull();
  }

  @Test
  void unusedMacroWarns() {
    LoadResult r = load("- macro: a\n  condition: ka.verb=get\n");
    assertThat(warnings(r)).containsExactly(
        "LOAD_UNUSED_MACRO: Macro not referred to by any other rule/macro");
  }

  @Test
  void macroListsAreSubstitutedInTheMacroText() {
    LoadResult r = load("- list: l\n  items: [get]\n- macro: a\n  condition: ka.verb in (l)\n"
        + "- rule: r\n  condition: a\n" + TAIL);
    assertThat(errors(r)).isEmpty();
    assertThat(ExprPrinter.print(rule(r, "r").condition())).isEqualTo("ka.verb in (get)");
  }
}
