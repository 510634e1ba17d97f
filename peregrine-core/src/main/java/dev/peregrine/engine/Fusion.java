package dev.peregrine.engine;

import dev.peregrine.field.FieldType;
import dev.peregrine.field.JsonTreeField;
import dev.peregrine.field.JsonValue;
import dev.peregrine.field.SearchTokens;
import dev.peregrine.lang.Expr;
import dev.peregrine.lang.Operand;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Fuses the simple checks of one disjunction that read the same scalar string field ({@code =},
 * {@code in}, {@code contains}, {@code startswith} with constants) into one {@link AnyOf} node:
 * the field is extracted once, equalities become one hash set and the substrings one precomputed
 * pattern list (or, for {@code contains} checks on a JSON value, one search of its tree). Every
 * child is still compiled on its own first, so diagnostics are unchanged; conditions have no
 * side effects, so evaluating the fused group at the position of its first member gives the same
 * result as the original left-to-right disjunction.
 */
final class Fusion {
  private Fusion() {}

  /** The compiled children of a disjunction, with fusable groups of two or more merged. */
  static List<Condition> fuse(List<Expr> children, Function<Expr, Condition> compile,
      Function<Operand, FieldRead> bind) {
    List<Condition> compiled = children.stream().map(compile).toList();
    Map<Operand.Field, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < children.size(); i++) {
      Operand.Field key = key(children.get(i));
      if (key != null) {
        groups.computeIfAbsent(new Operand.Field(key.name(), key.arg(), 0), k -> new ArrayList<>())
            .add(i);
      }
    }
    Map<Integer, Condition> replaced = new LinkedHashMap<>();
    Set<Integer> dropped = new HashSet<>();
    for (Map.Entry<Operand.Field, List<Integer>> g : groups.entrySet()) {
      FieldRead x = g.getValue().size() < 2 ? null : bind.apply(g.getKey());
      if (x == null || x.isList() || x.type() != FieldType.STRING) {
        continue;
      }
      List<Expr.Binary> checks = g.getValue().stream().map(i -> (Expr.Binary) children.get(i))
          .toList();
      replaced.put(g.getValue().get(0), tokensInJson(x, checks, AnyOf.of(x, checks)));
      dropped.addAll(g.getValue().subList(1, g.getValue().size()));
    }
    List<Condition> out = new ArrayList<>();
    for (int i = 0; i < compiled.size(); i++) {
      if (!dropped.contains(i)) {
        out.add(replaced.getOrDefault(i, compiled.get(i)));
      }
    }
    return out;
  }

  /**
   * {@code fused} searched on the JSON tree ({@link Nodes.TokensInJson}) when the field is a
   * {@link JsonTreeField} and every check is {@code contains} with a searchable token (for which
   * {@link AnyOf} compares the token and the text as they are: neither holds U+0000); else
   * {@code fused} itself.
   */
  private static Condition tokensInJson(FieldRead x, List<Expr.Binary> checks, AnyOf fused) {
    if (!(x.extractor() instanceof JsonTreeField tree)) {
      return fused;
    }
    String[] tokens = new String[checks.size()];
    for (int i = 0; i < tokens.length; i++) {
      Expr.Binary b = checks.get(i);
      if (!b.op().equals("contains") || !JsonValue.searchable(AnyOf.text(b))) {
        return fused;
      }
      tokens[i] = AnyOf.text(b);
    }
    return new Nodes.TokensInJson(tree, SearchTokens.of(tokens), fused);
  }

  /** The field a fusable check reads, or null when the check is not fusable. */
  private static Operand.Field key(Expr e) {
    if (!(e instanceof Expr.Binary b) || !(b.lhs() instanceof Operand.Field f)
        || b.modifier() != null) {
      return null;
    }
    return switch (b.op()) {
      case "=", "==", "contains", "startswith" -> b.rhs() instanceof Operand.Value ? f : null;
      case "in" -> b.rhs() instanceof Operand.ListValue || b.rhs() instanceof Operand.Value ? f
          : null;
      default -> null;
    };
  }

  /**
   * True when the field's value (as a C string for {@code =}, {@code contains} and
   * {@code startswith}; exactly for {@code in}) satisfies any of the fused checks.
   */
  record AnyOf(FieldRead field, Set<String> exact, Set<String> equal, String[] contains,
      String[] prefixes) implements Condition {
    static AnyOf of(FieldRead field, List<Expr.Binary> checks) {
      Set<String> exact = new HashSet<>();
      Set<String> equal = new HashSet<>();
      List<String> contains = new ArrayList<>();
      List<String> prefixes = new ArrayList<>();
      for (Expr.Binary b : checks) {
        switch (b.op()) {
          case "in" -> {
            if (b.rhs() instanceof Operand.ListValue l) {
              l.items().forEach(v -> exact.add(v.text()));
            } else {
              exact.add(((Operand.Value) b.rhs()).text());
            }
          }
          case "contains" -> contains.add(ByteStrings.cstr(text(b)));
          case "startswith" -> prefixes.add(ByteStrings.cstr(text(b)));
          default -> equal.add(ByteStrings.cstr(text(b)));
        }
      }
      return new AnyOf(field, Set.copyOf(exact), Set.copyOf(equal),
          contains.toArray(String[]::new), prefixes.toArray(String[]::new));
    }

    static String text(Expr.Binary b) {
      return ((Operand.Value) b.rhs()).text();
    }

    @Override
    public boolean eval(Evaluation e) {
      String v = field.string(e);
      if (v == null) {
        return false;
      }
      if (!exact.isEmpty() && exact.contains(v)) {
        return true;
      }
      String c = ByteStrings.cstr(v);
      if (!equal.isEmpty() && equal.contains(c)) {
        return true;
      }
      for (String p : contains) {
        if (c.contains(p)) {
          return true;
        }
      }
      for (String p : prefixes) {
        if (c.startsWith(p)) {
          return true;
        }
      }
      return false;
    }
  }
}
