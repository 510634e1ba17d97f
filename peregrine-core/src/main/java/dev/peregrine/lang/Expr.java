package dev.peregrine.lang;

import java.util.List;

/**
 * A condition's syntax tree. Every node records {@code pos}, the 0-based character offset in the
 * parsed text where it starts; callers map offsets back to files.
 */
public sealed interface Expr {
  int pos();

  /** {@code a and b and c}: n-ary, evaluated left to right with short-circuit. */
  record And(List<Expr> children, int pos) implements Expr {
    public And {
      children = List.copyOf(children);
    }
  }

  /** {@code a or b or c}: n-ary, evaluated left to right with short-circuit. */
  record Or(List<Expr> children, int pos) implements Expr {
    public Or {
      children = List.copyOf(children);
    }
  }

  /** {@code not x}. */
  record Not(Expr child, int pos) implements Expr {}

  /** A bare identifier: a reference to a macro. */
  record MacroRef(String name, int pos) implements Expr {}

  /** {@code lhs exists}. */
  record Unary(Operand lhs, String op, int pos) implements Expr {}

  /**
   * {@code lhs op rhs}, where {@code op} is the operator word as written ({@code =}, {@code
   * contains}, {@code in} ...) and {@code modifier} is {@code oneof}/{@code anyof}/{@code allof} or
   * null. With a modifier the rhs is a {@link Operand.ListValue}.
   */
  record Binary(Operand lhs, String op, String modifier, Operand rhs, int pos) implements Expr {}
}
