package dev.peregrine.rules;

import static dev.peregrine.rules.Loads.errors;
import static dev.peregrine.rules.Loads.load;
import static dev.peregrine.rules.Loads.rule;
import static dev.peregrine.rules.Loads.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.lang.ExprPrinter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Textual list substitution (Falco's resolve_list) and lists inside lists. */
class ListSubstitutionTest {
  private static final String TAIL = "  desc: d\n  output: o\n  priority: INFO\n"
      + "  source: k8s_audit\n";

  private static String sub(String cond, String name, String... items) {
    MappedText r = ListSubstitution.substitute(MappedText.of(cond, 0), name, List.of(items));
    return r == null ? null : r.text();
  }

  @Test
  void insideParens() {
    assertThat(sub("ka.verb in (verbs)", "verbs", "get", "list"))
        .isEqualTo("ka.verb in ( get, list )");
  }

  @Test
  void bareSingleItemAfterEquals() {
    assertThat(sub("proc.name=cat_binaries", "cat_binaries", "cat"))
        .isEqualTo("proc.name= cat ");
  }

  @Test
  void commasAndWhitespaceAbsorbed() {
    assertThat(sub("x in (a,  l  ,b)", "l", "c", "d")).isEqualTo("x in (a, c, d ,b)");
  }

  @Test
  void emptyListTakesOneComma() {
    assertThat(sub("x in (a, l)", "l")).isEqualTo("x in (a  )");
    assertThat(sub("x in (l, a)", "l")).isEqualTo("x in (   a)");
    assertThat(sub("x in (l)", "l")).isEqualTo("x in (  )");
  }

  @Test
  void delimitersRequired() {
    assertThat(sub("x in (ll, l_a, al)", "l")).isNull();
    assertThat(sub("x.l = 1", "l")).isNull();
    assertThat(sub("x contains \"l \"", "l")).isNull();
    assertThat(sub("x contains \" l \"", "l", "z")).isEqualTo("x contains \" z \"");
  }

  @Test
  void atStartAndEnd() {
    assertThat(sub("l", "l", "a")).isEqualTo("a ");
    assertThat(sub("x in (a) or l", "l", "b")).isEqualTo("x in (a) or b ");
  }

  @Test
  void itemsWithSpacesAreQuoted() {
    LoadResult r = load("- list: l\n  items: [a b, '\"c d\"', e]\n- rule: r\n"
        + "  condition: ka.verb in (l)\n" + TAIL);
    assertThat(errors(r)).isEmpty();
    assertThat(rule(r, "r").conditionText()).isEqualTo("ka.verb in ( \"a b\", \"c d\", e )");
  }

  @Test
  void listsMayBeDefinedAfterUse() {
    LoadResult r = load("- rule: r\n  condition: ka.verb in (l)\n" + TAIL
        + "- list: l\n  items: [get]\n");
    assertThat(errors(r)).isEmpty();
    assertThat(ExprPrinter.print(rule(r, "r").condition())).isEqualTo("ka.verb in (get)");
  }

  @Test
  void listInListIsExpandedOneLevelWithRawItems() {
    LoadResult r = load("- list: a\n  items: [x]\n- list: b\n  items: [a, y]\n"
        + "- list: c\n  items: [b, z]\n- rule: r\n  condition: ka.verb in (c)\n" + TAIL);
    assertThat(errors(r)).isEmpty();
    assertThat(ExprPrinter.print(rule(r, "r").condition())).isEqualTo("ka.verb in (a, y, z)");
  }

  @Test
  void listLoopStaysLiteral() {
    LoadResult r = load("- list: list_a\n  items: [open]\n- list: list_b\n  items: [list_a]\n"
        + "- list: list_a\n  items: [list_b]\n- rule: r\n  condition: ka.verb in (list_a)\n"
        + TAIL);
    assertThat(errors(r)).isEmpty();
    assertThat(ExprPrinter.print(rule(r, "r").condition())).isEqualTo("ka.verb in (list_a)");
  }

  @Test
  void unusedListWarns() {
    LoadResult r = load("- list: l\n  items: [x]\n- rule: r\n  condition: ka.verb=get\n" + TAIL);
    assertThat(warnings(r)).containsExactly(
        "LOAD_UNUSED_LIST: List not referred to by any other rule/macro");
  }

  @Test
  void substitutedPositionsPointAtTheListName() {
    String yaml = "- list: verbs\n  items: [get, list]\n- rule: r\n"
        + "  condition: ka.verb in (verbs) and\n" + TAIL;
    LoadResult r = load(yaml);
    assertThat(r.issues().get(0).code()).isEqualTo("LOAD_ERR_COMPILE_CONDITION");
    int at = r.issues().get(0).position().offset();
    assertThat(yaml.substring(at)).startsWith("\n  desc");
    RuleDef ok = rule(load(yaml.replace(" and\n", "\n")), "r");
    var bin = (dev.peregrine.lang.Expr.Binary) ok.condition();
    var list = (dev.peregrine.lang.Operand.ListValue) bin.rhs();
    assertThat(yaml.substring(list.items().get(1).pos())).startsWith("verbs)");
  }
}
