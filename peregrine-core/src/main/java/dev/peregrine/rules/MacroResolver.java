package dev.peregrine.rules;

import dev.peregrine.lang.Expr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Replaces macro references in a tree by the macros' trees, recursively (Falco's {@code
 * filter_macro_resolver}). Only the first problem is reported: a reference loop before an
 * undefined macro.
 */
final class MacroResolver {
  /** What a name refers to: a macro tree, or a macro that failed (already reported). */
  sealed interface Def {
    /** A usable macro tree. */
    record Tree(Expr ast) implements Def {}

    /** A macro whose own errors were reported; users fail silently. */
    record Broken() implements Def {}
  }

  /** Thrown when a broken macro is referenced: the caller fails without a new message. */
  static final class BrokenReference extends RuntimeException {
    BrokenReference() {
      super(null, null, false, false);
    }
  }

  private final Function<String, Def> lookup;
  private final Set<String> used;
  private final Deque<String> stack = new ArrayDeque<>();
  private LoadException loop;
  private LoadException unknown;

  private MacroResolver(Function<String, Def> lookup, Set<String> used) {
    this.lookup = lookup;
    this.used = used;
  }

  /**
   * Resolves {@code e}. {@code lookup} gives the visible macros (null: not visible or undefined);
   * {@code self}, when not null, is the macro being resolved. Names expanded are added to
   * {@code used}.
   */
  static Expr resolve(Expr e, String self, Function<String, Def> lookup, Set<String> used) {
    MacroResolver r = new MacroResolver(lookup, used);
    if (self != null) {
      r.stack.push(self);
    }
    Expr out = r.visit(e);
    if (r.loop != null) {
      throw r.loop;
    }
    if (r.unknown != null) {
      throw r.unknown;
    }
    return out;
  }

  private Expr visit(Expr e) {
    return switch (e) {
      case Expr.And a -> new Expr.And(visitAll(a.children()), a.pos());
      case Expr.Or o -> new Expr.Or(visitAll(o.children()), o.pos());
      case Expr.Not n -> new Expr.Not(visit(n.child()), n.pos());
      case Expr.MacroRef m -> expand(m);
      default -> e;
    };
  }

  private List<Expr> visitAll(List<Expr> children) {
    List<Expr> out = new ArrayList<>(children.size());
    for (Expr c : children) {
      out.add(visit(c));
    }
    return out;
  }

  private Expr expand(Expr.MacroRef m) {
    Def def = lookup.apply(m.name());
    if (def == null) {
      if (unknown == null) {
        unknown = Collector.error("Undefined macro '" + m.name() + "' used in filter.", m.pos());
      }
      return m;
    }
    if (def instanceof Def.Broken) {
      throw new BrokenReference();
    }
    if (stack.contains(m.name())) {
      if (loop == null) {
        loop = Collector.error("reference loop in macro '" + m.name() + "'", m.pos());
      }
      return m;
    }
    stack.push(m.name());
    Expr out = visit(((Def.Tree) def).ast());
    stack.pop();
    used.add(m.name());
    return out;
  }
}
