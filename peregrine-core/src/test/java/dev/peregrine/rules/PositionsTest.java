package dev.peregrine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.lang.Expr;
import dev.peregrine.lang.Operand;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tree positions point at the right characters of the file, whatever the scalar style. */
class PositionsTest {
  private static final String TAIL = "  desc: d\n  output: o\n  priority: INFO\n";

  private static void collect(Expr e, List<Operand> out) {
    switch (e) {
      case Expr.And a -> a.children().forEach(c -> collect(c, out));
      case Expr.Or o -> o.children().forEach(c -> collect(c, out));
      case Expr.Not n -> collect(n.child(), out);
      case Expr.Unary u -> out.add(u.lhs());
      case Expr.Binary b -> {
        out.add(b.lhs());
        out.add(b.rhs());
      }
      case Expr.MacroRef m -> { }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "  condition: ka.verb=get and ka.user.name in (a, b)\n",
    "  condition: ka.verb=get and\n    ka.user.name in (a, b)\n",
    "  condition: >\n    ka.verb=get\n    and ka.user.name in (a, b)\n",
    "  condition: >-\n    ka.verb=get and\n\n    ka.user.name in (a, b)\n",
    "  condition: |\n    ka.verb=get\n      and ka.user.name in (a, b)\n",
    "  condition: 'ka.verb=get and ka.user.name in (''a'', b)'\n",
    "  condition: \"ka.verb=get and\\tka.user.name in (\\\"a\\\", b)\"\n",
    "  condition: \"ka.verb=get and\n    ka.user.name in (a, b)\"\n",
  })
  void fieldsAndValuesPointAtTheirText(String condition) {
    String yaml = "# header\n- rule: r\n" + condition + TAIL;
    LoadResult r = Loads.load(yaml);
    assertThat(Loads.errors(r)).isEmpty();
    List<Operand> ops = new ArrayList<>();
    collect(r.rules().get(0).condition(), ops);
    assertThat(ops).hasSize(4);
    assertThat(yaml.substring(ops.get(0).pos())).startsWith("ka.verb=get");
    assertThat(yaml.substring(ops.get(1).pos())).startsWith("get");
    assertThat(yaml.substring(ops.get(2).pos())).startsWith("ka.user.name in");
    var list = (Operand.ListValue) ops.get(3);
    assertThat(yaml.substring(list.pos())).startsWith("(");
    assertThat(yaml.substring(list.items().get(1).pos())).startsWith("b)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.yaml", "b.yaml"})
  void positionsAreGlobalAcrossFiles(String which) {
    String first = "- macro: m\n  condition: ka.verb=get\n";
    String second = "- rule: r\n  condition: m and ka.user.name=x\n" + TAIL;
    LoadResult r = new RulesLoader().load(List.of(new RulesInput("a.yaml", first),
        new RulesInput("b.yaml", second)));
    var and = (Expr.And) r.rules().get(0).condition();
    int pos = and.children().get(which.equals("a.yaml") ? 0 : 1).pos();
    assertThat(r.sources().file(pos).name()).isEqualTo(which);
    String text = r.sources().file(pos).text();
    int off = r.sources().position(pos).offset();
    assertThat(text.substring(off)).startsWith(which.equals("a.yaml") ? "ka.verb" : "ka.user");
  }
}
