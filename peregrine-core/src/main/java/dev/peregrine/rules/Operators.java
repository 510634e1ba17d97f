package dev.peregrine.rules;

import java.util.Set;

/** Comparison operators as exceptions may name them ({@code comps}). */
final class Operators {
  private static final Set<String> SUPPORTED = Set.of("=", "==", "!=", "<=", ">=", "<", ">",
      "contains", "icontains", "bcontains", "startswith", "bstartswith", "endswith", "glob",
      "iglob", "pmatch", "exists", "in", "intersects", "regex");
  private static final Set<String> LIST_OPS = Set.of("in", "intersects", "pmatch");
  private static final Set<String> MODIFIABLE = Set.of("=", "==", "!=", "contains", "icontains",
      "bcontains", "startswith", "bstartswith", "endswith", "glob", "iglob", "regex");
  private static final Set<String> MODIFIERS = Set.of("oneof", "anyof", "allof");

  private Operators() {}

  /** {@code startswith oneof} and the like: an operator, blanks, then a modifier word. */
  static boolean isModifierOp(String op) {
    String[] parts = op.trim().split("\\s+");
    return parts.length == 2 && MODIFIABLE.contains(parts[0]) && MODIFIERS.contains(parts[1]);
  }

  static boolean isSupported(String op) {
    return SUPPORTED.contains(op) || isModifierOp(op);
  }

  /** Operators whose right-hand side is a list. */
  static boolean isForList(String op) {
    return LIST_OPS.contains(op) || isModifierOp(op);
  }
}
