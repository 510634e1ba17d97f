package dev.peregrine.rules;

import dev.peregrine.lang.Expr;
import dev.peregrine.lang.ExprPrinter;
import java.util.stream.Collectors;

/** Prints a tree as Falco's tests do: every and/or group in parentheses. */
final class FalcoAstText {
  private FalcoAstText() {}

  static String print(Expr e) {
    return switch (e) {
      case Expr.And a -> a.children().stream().map(FalcoAstText::print)
          .collect(Collectors.joining(" and ", "(", ")"));
      case Expr.Or o -> o.children().stream().map(FalcoAstText::print)
          .collect(Collectors.joining(" or ", "(", ")"));
      case Expr.Not n -> "not " + print(n.child());
      default -> ExprPrinter.print(e);
    };
  }
}
