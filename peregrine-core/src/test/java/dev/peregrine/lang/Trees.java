package dev.peregrine.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.lang.Operand.Field;
import dev.peregrine.lang.Operand.FieldValue;
import dev.peregrine.lang.Operand.ListValue;
import dev.peregrine.lang.Operand.Transformer;
import dev.peregrine.lang.Operand.Value;
import java.util.List;

/** Test helpers: parsing shortcuts and position-free copies of trees. */
final class Trees {
  private Trees() {}

  static Expr ok(String text) {
    ParseResult r = Parser.parse(text);
    assertThat(r).as("parse of %s", text).isInstanceOf(ParseResult.Ok.class);
    return ((ParseResult.Ok) r).expr();
  }

  /** Parses and drops positions. */
  static Expr okNoPos(String text) {
    return strip(ok(text));
  }

  static ParseResult.Error err(String text) {
    ParseResult r = Parser.parse(text);
    assertThat(r).as("parse of %s", text).isInstanceOf(ParseResult.Error.class);
    return (ParseResult.Error) r;
  }

  /** A copy of {@code e} with every position set to 0. */
  static Expr strip(Expr e) {
    return switch (e) {
      case Expr.And a -> new Expr.And(a.children().stream().map(Trees::strip).toList(), 0);
      case Expr.Or o -> new Expr.Or(o.children().stream().map(Trees::strip).toList(), 0);
      case Expr.Not n -> new Expr.Not(strip(n.child()), 0);
      case Expr.MacroRef m -> new Expr.MacroRef(m.name(), 0);
      case Expr.Unary u -> new Expr.Unary(strip(u.lhs()), u.op(), 0);
      case Expr.Binary b ->
          new Expr.Binary(strip(b.lhs()), b.op(), b.modifier(), strip(b.rhs()), 0);
    };
  }

  static Operand strip(Operand o) {
    return switch (o) {
      case Field f -> field(f.name(), f.arg());
      case FieldValue v -> new FieldValue(field(v.field().name(), v.field().arg()), 0);
      case Transformer t ->
          new Transformer(t.name(), t.args().stream().map(Trees::strip).toList(), 0);
      case Value v -> new Value(v.text(), v.quoted(), 0);
      case ListValue l ->
          new ListValue(l.items().stream().map(v -> val(v.text(), v.quoted())).toList(), 0);
    };
  }

  // Position-free constructors for expected trees.

  static Field field(String name) {
    return new Field(name, null, 0);
  }

  static Field field(String name, String arg) {
    return new Field(name, arg, 0);
  }

  static Value bare(String text) {
    return new Value(text, false, 0);
  }

  static Value quoted(String text) {
    return new Value(text, true, 0);
  }

  static Value val(String text, boolean quoted) {
    return new Value(text, quoted, 0);
  }

  static ListValue list(Value... items) {
    return new ListValue(List.of(items), 0);
  }

  static Transformer tr(String name, Operand... args) {
    return new Transformer(name, List.of(args), 0);
  }

  static Expr.Binary bin(Operand lhs, String op, Operand rhs) {
    return new Expr.Binary(lhs, op, null, rhs, 0);
  }

  static Expr.Binary bin(Operand lhs, String op, String modifier, Operand rhs) {
    return new Expr.Binary(lhs, op, modifier, rhs, 0);
  }

  static Expr.Unary exists(Operand lhs) {
    return new Expr.Unary(lhs, "exists", 0);
  }

  static Expr.MacroRef macro(String name) {
    return new Expr.MacroRef(name, 0);
  }

  static Expr.And and(Expr... children) {
    return new Expr.And(List.of(children), 0);
  }

  static Expr.Or or(Expr... children) {
    return new Expr.Or(List.of(children), 0);
  }

  static Expr.Not not(Expr child) {
    return new Expr.Not(child, 0);
  }
}
