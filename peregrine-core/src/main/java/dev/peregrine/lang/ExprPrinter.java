package dev.peregrine.lang;

import dev.peregrine.lang.Operand.Field;
import dev.peregrine.lang.Operand.FieldValue;
import dev.peregrine.lang.Operand.ListValue;
import dev.peregrine.lang.Operand.Transformer;
import dev.peregrine.lang.Operand.Value;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Prints a syntax tree back as condition text in a canonical form: single blanks around keywords
 * and operators, parentheses only where the tree shape needs them (a {@code Not} directly inside
 * a {@code Not} is parenthesised, because the parser cancels {@code not not}), and values quoted
 * (with escapes) when they were quoted or cannot be written bare. Parsing the output gives back
 * an equal tree, positions aside.
 */
public final class ExprPrinter {
  private static final Pattern BARE = Pattern.compile("[^()\"'\\s=,]+");
  private static final Pattern FIELD_ARG = Pattern.compile("[^\\]\\[\"'\\s]+");
  /** In {@code concat}, a bare constant starting like this would be read as a field. */
  private static final Pattern FIELD_PREFIX =
      Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*\\.[a-zA-Z]");

  private ExprPrinter() {}

  /** Returns the canonical text of {@code expr}. */
  public static String print(Expr expr) {
    StringBuilder out = new StringBuilder();
    expr(expr, out);
    return out.toString();
  }

  /** Returns the canonical text of an operand, as it would appear in a check. */
  public static String print(Operand operand) {
    StringBuilder out = new StringBuilder();
    operand(operand, out);
    return out.toString();
  }

  private static void expr(Expr e, StringBuilder out) {
    switch (e) {
      case Expr.Or or -> join(or.children(), " or ", c -> c instanceof Expr.Or, out);
      case Expr.And and ->
          join(and.children(), " and ", c -> c instanceof Expr.And || c instanceof Expr.Or, out);
      case Expr.Not not -> {
        out.append("not ");
        Expr c = not.child();
        child(c, c instanceof Expr.And || c instanceof Expr.Or || c instanceof Expr.Not, out);
      }
      case Expr.MacroRef m -> out.append(m.name());
      case Expr.Unary u -> {
        operand(u.lhs(), out);
        out.append(' ').append(u.op());
      }
      case Expr.Binary b -> {
        operand(b.lhs(), out);
        out.append(' ').append(b.op()).append(' ');
        if (b.modifier() != null) {
          out.append(b.modifier()).append(' ');
        }
        operand(b.rhs(), out);
      }
    }
  }

  private static void join(
      List<Expr> children, String sep, Predicate<Expr> needsParens, StringBuilder out) {
    for (int i = 0; i < children.size(); i++) {
      if (i > 0) {
        out.append(sep);
      }
      Expr c = children.get(i);
      child(c, needsParens.test(c), out);
    }
  }

  private static void child(Expr e, boolean parens, StringBuilder out) {
    if (parens) {
      out.append('(');
    }
    expr(e, out);
    if (parens) {
      out.append(')');
    }
  }

  private static void operand(Operand o, StringBuilder out) {
    switch (o) {
      case Field f -> field(f, out);
      case FieldValue v -> {
        out.append("val(");
        field(v.field(), out);
        out.append(')');
      }
      case Transformer t -> {
        out.append(t.name()).append('(');
        for (int i = 0; i < t.args().size(); i++) {
          out.append(i > 0 ? ", " : "");
          Operand arg = t.args().get(i);
          if (arg instanceof Value v) {
            boolean ambiguous =
                t.name().equals("concat") && FIELD_PREFIX.matcher(v.text()).lookingAt();
            out.append(value(v, ambiguous));
          } else {
            operand(arg, out);
          }
        }
        out.append(')');
      }
      case Value v -> out.append(value(v, false));
      case ListValue l ->
          out.append(l.items().stream().map(v -> value(v, false))
              .collect(Collectors.joining(", ", "(", ")")));
    }
  }

  private static void field(Field f, StringBuilder out) {
    out.append(f.name());
    if (f.arg() != null) {
      String arg = f.arg();
      out.append('[')
          .append(FIELD_ARG.matcher(arg).matches() ? arg : Escapes.quote(arg))
          .append(']');
    }
  }

  private static String value(Value v, boolean forceQuotes) {
    boolean bare = !v.quoted() && !forceQuotes && BARE.matcher(v.text()).matches();
    return bare ? v.text() : Escapes.quote(v.text());
  }
}
