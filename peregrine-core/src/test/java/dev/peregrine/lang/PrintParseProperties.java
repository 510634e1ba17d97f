package dev.peregrine.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.lang.Operand.Field;
import dev.peregrine.lang.Operand.FieldValue;
import dev.peregrine.lang.Operand.ListValue;
import dev.peregrine.lang.Operand.Transformer;
import dev.peregrine.lang.Operand.Value;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Printing any tree the parser can produce and parsing the text gives the same tree. */
class PrintParseProperties {
  private static final List<String> KEYWORDS = List.of("and", "or", "not", "val");

  @Property(tries = 500)
  void printThenParse_givesSameTree(@ForAll("exprs") Expr tree) {
    String text = ExprPrinter.print(tree);
    ParseResult r = Parser.parse(text);
    assertThat(r).as(text).isInstanceOf(ParseResult.Ok.class);
    assertThat(Trees.strip(((ParseResult.Ok) r).expr())).as(text).isEqualTo(tree);
  }

  @Provide
  Arbitrary<Expr> exprs() {
    return expr(4);
  }

  private Arbitrary<Expr> expr(int depth) {
    if (depth == 0) {
      return leaf();
    }
    Arbitrary<Expr> sub = Arbitraries.lazy(() -> expr(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(3, leaf()),
        Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3)
            .map(cs -> (Expr) new Expr.And(cs, 0))),
        Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3)
            .map(cs -> (Expr) new Expr.Or(cs, 0))),
        Tuple.of(1, sub.map(c -> (Expr) new Expr.Not(c, 0))));
  }

  private Arbitrary<Expr> leaf() {
    return Arbitraries.oneOf(
        identifier().map(n -> (Expr) new Expr.MacroRef(n, 0)),
        lhs().map(l -> (Expr) new Expr.Unary(l, "exists", 0)),
        strCheck(), numCheck(), listCheck(), modifierCheck());
  }

  private Arbitrary<Expr> strCheck() {
    Arbitrary<String> ops = Arbitraries.of("=", "==", "!=", "contains", "icontains", "bcontains",
        "startswith", "bstartswith", "endswith", "glob", "iglob", "regex");
    Arbitrary<Operand> rhs = Arbitraries.oneOf(constant().map(v -> (Operand) v), rhsComputed());
    return Combinators.combine(lhs(), ops, rhs)
        .as((l, op, r) -> (Expr) new Expr.Binary(l, op, null, r, 0));
  }

  private Arbitrary<Expr> numCheck() {
    Arbitrary<Operand> number = Arbitraries.oneOf(
        Arbitraries.integers().between(-5000, 5000).map(String::valueOf),
        Arbitraries.of("0x1F", "0XaB", "1.5", "+3", "2e+10", "7.e-2"))
        .map(s -> new Value(s, false, 0));
    Arbitrary<Operand> rhs = Arbitraries.oneOf(number, rhsComputed());
    return Combinators.combine(lhs(), Arbitraries.of("<", "<=", ">", ">="), rhs)
        .as((l, op, r) -> (Expr) new Expr.Binary(l, op, null, r, 0));
  }

  private Arbitrary<Expr> listCheck() {
    Arbitrary<Operand> rhs = Arbitraries.oneOf(list(), rhsComputed());
    return Combinators.combine(lhs(), Arbitraries.of("in", "intersects", "pmatch"), rhs)
        .as((l, op, r) -> (Expr) new Expr.Binary(l, op, null, r, 0));
  }

  private Arbitrary<Expr> modifierCheck() {
    return Combinators.combine(lhs(), Arbitraries.of("=", "!=", "contains", "glob"),
            Arbitraries.of("oneof", "anyof", "allof"), list())
        .as((l, op, m, r) -> (Expr) new Expr.Binary(l, op, m, r, 0));
  }

  private Arbitrary<Operand> list() {
    return constant().list().ofMaxSize(4).map(vs -> (Operand) new ListValue(vs, 0));
  }

  private Arbitrary<Operand> rhsComputed() {
    return Arbitraries.oneOf(
        field().map(f -> (Operand) new FieldValue(f, 0)), transformer(2).map(t -> (Operand) t));
  }

  private Arbitrary<Operand> lhs() {
    return Arbitraries.oneOf(field().map(f -> (Operand) f), transformer(2).map(t -> (Operand) t));
  }

  private Arbitrary<Transformer> transformer(int depth) {
    Arbitrary<Operand> input = depth == 0
        ? field().map(f -> (Operand) f)
        : Arbitraries.oneOf(field().map(f -> (Operand) f),
            Arbitraries.lazy(() -> transformer(depth - 1)).map(t -> (Operand) t));
    Arbitrary<Operand> quotedConst = constant().map(v -> (Operand) new Value(v.text(), true, 0));
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.of("tolower", "toupper", "b64", "basename", "len"), input)
            .as((n, a) -> new Transformer(n, List.of(a), 0)),
        Combinators.combine(constant(), input)
            .as((c, a) -> new Transformer("join", List.of(c, a), 0)),
        Combinators.combine(input, constant())
            .as((a, c) -> new Transformer("getopt", List.of(a, c), 0)),
        Arbitraries.oneOf(input, quotedConst).list().ofMinSize(1).ofMaxSize(3)
            .map(as -> new Transformer("concat", as, 0)));
  }

  private Arbitrary<Field> field() {
    Arbitrary<String> name = identifier().list().ofMinSize(2).ofMaxSize(4)
        .map(parts -> String.join(".", parts));
    Arbitrary<String> arg = Arbitraries.oneOf(
        Arbitraries.just(null), text(), Arbitraries.of("/a/b~1c", "x", "0"));
    return Combinators.combine(name, arg).as((n, a) -> new Field(n, a, 0));
  }

  /** A constant; bare only when the text can be written bare. */
  private Arbitrary<Value> constant() {
    return Combinators.combine(text(), Arbitraries.of(true, false))
        .as((t, q) -> new Value(t, q || !t.matches("[^()\"'\\s=,]+"), 0));
  }

  private Arbitrary<String> text() {
    Arbitrary<String> noisy = Arbitraries.strings()
        .withChars("ab/:.-*<>![]@%()=,\"'\\ \t\n\u00e9\u00ff")
        .ofMaxLength(12);
    Arbitrary<String> plain = Arbitraries.strings().alpha().numeric().withChars("/:.-_")
        .ofMinLength(1).ofMaxLength(10);
    return Arbitraries.oneOf(noisy, plain, Arbitraries.of("anyof", "oneof", "allof", "in", "and"));
  }

  private Arbitrary<String> identifier() {
    return Combinators.combine(
            Arbitraries.chars().alpha(),
            Arbitraries.strings().alpha().numeric().withChars('_').ofMaxLength(6))
        .as((c, rest) -> c + rest)
        .filter(s -> !KEYWORDS.contains(s));
  }
}
