package dev.peregrine.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.event.TextTable;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.field.JsonTreeField;
import dev.peregrine.lang.Expr;
import dev.peregrine.lang.Operand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pre-selects the rules that can match an event. From each rule's resolved condition it derives
 * facts the condition requires: "field F equals one of these constants", taken from {@code =} and
 * {@code in} checks that are conjuncts of the condition (or are common to every branch of a
 * disjunction that is). Per event, the indexed fields are read once and only the rules whose facts
 * all hold are evaluated, in rule order. A rule without facts on a field is a candidate whatever
 * that field's value; a value containing U+0000 (which the string operators compare as a C
 * string) makes every rule a candidate on that field. So the candidates are always a superset of
 * the matching rules and the alerts are unchanged. A field is not read at all when none of the
 * rules still candidates has facts on it, since its value could not remove any of them.
 */
final class RuleIndex {
  /** Fields worth indexing: cheap to read and used as constant conjuncts by typical rules. */
  static final List<String> FIELDS = List.of("ka.stage", "ka.verb", "ka.target.resource",
      "ka.target.subresource", "ka.response.code", "ka.user.name", "ka.target.namespace");

  private final int rules;
  private final int words;
  private final Dimension[] dims;

  /**
   * One indexed field; {@code table} holds the constants of its facts, {@code bitsAt} the rules
   * each allows (in the table's order), {@code constrained} the rules with facts on it (those
   * not in {@code other}), {@code nulKeys} when some constant holds U+0000. When the field is a
   * JSON node's text ({@code tree} not null), the table finds the node's value without making
   * its text where it can.
   */
  private record Dimension(FieldRead field, TextTable table, long[][] bitsAt, long[] other,
      long[] all, long[] constrained, boolean nulKeys, JsonTreeField tree) {}

  private RuleIndex(int rules, Dimension[] dims) {
    this.rules = rules;
    this.words = (rules + 63) >>> 6;
    this.dims = dims;
  }

  /**
   * Builds the index over {@code conditions} (rule order); fields no rule constrains are left out.
   * The indexed fields are read through {@code slots}, so rules that read them again per event
   * find them read.
   */
  static RuleIndex build(List<Expr> conditions, FieldRegistry registry, FieldRead.Slots slots) {
    List<Map<String, Set<String>>> facts = conditions.stream().map(RuleIndex::facts).toList();
    int words = (conditions.size() + 63) >>> 6;
    List<Dimension> dims = new ArrayList<>();
    for (String f : FIELDS) {
      if (facts.stream().noneMatch(m -> m.containsKey(f))) {
        continue;
      }
      FieldRead x = slots.text(FieldRead.Key.field(f, null),
          registry.find(f).orElseThrow().bind(null));
      long[] other = new long[words];
      long[] all = new long[words];
      Map<String, long[]> byValue = new HashMap<>();
      for (int i = 0; i < facts.size(); i++) {
        set(all, i);
        Set<String> allowed = facts.get(i).get(f);
        if (allowed == null) {
          set(other, i);
        }
      }
      for (int i = 0; i < facts.size(); i++) {
        Set<String> allowed = facts.get(i).get(f);
        for (String v : allowed == null ? Set.<String>of() : allowed) {
          set(byValue.computeIfAbsent(v, k -> other.clone()), i);
        }
      }
      boolean nulKeys = byValue.keySet().stream().anyMatch(v -> v.indexOf('\0') >= 0);
      long[] constrained = new long[words];
      for (int w = 0; w < words; w++) {
        constrained[w] = all[w] & ~other[w];
      }
      List<String> values = List.copyOf(byValue.keySet());
      long[][] bitsAt = values.stream().map(byValue::get).toArray(long[][]::new);
      JsonTreeField tree = x.extractor() instanceof JsonTreeField t ? t : null;
      dims.add(new Dimension(x, new TextTable(values), bitsAt, other, all, constrained, nulKeys,
          tree));
    }
    return new RuleIndex(conditions.size(), dims.toArray(Dimension[]::new));
  }

  private static boolean intersects(long[] a, long[] b) {
    for (int w = 0; w < a.length; w++) {
      if ((a[w] & b[w]) != 0) {
        return true;
      }
    }
    return false;
  }

  private static void set(long[] bits, int i) {
    bits[i >>> 6] |= 1L << (i & 63);
  }

  /** Number of indexed fields. */
  int dimensions() {
    return dims.length;
  }

  /**
   * The candidate rules for {@code e} as a bit set over rule positions. Marks {@code e}
   * {@linkplain Evaluation#factsVerified() verified} unless an indexed value held U+0000, when a
   * candidate need not satisfy its facts.
   */
  long[] candidates(Evaluation e) {
    long[] acc = new long[words];
    java.util.Arrays.fill(acc, -1L);
    e.factsVerified(true);
    for (Dimension d : dims) {
      if (!intersects(acc, d.constrained())) {
        continue; // no candidate left has facts on this field: its value changes nothing
      }
      long[] bits = d.tree() == null ? byText(d, e, d.field().string(e)) : byNode(d, e);
      long any = 0;
      for (int w = 0; w < words; w++) {
        any |= acc[w] &= bits[w];
      }
      if (any == 0) {
        return acc; // no candidate left: the other fields need not be read
      }
    }
    if (rules % 64 != 0 && words > 0) {
      acc[words - 1] &= (1L << (rules % 64)) - 1;
    }
    return acc;
  }

  /** The rules of {@code d} allowed by the field's text {@code v}. */
  private static long[] byText(Dimension d, Evaluation e, String v) {
    if (v == null) {
      return d.other();
    }
    if (d.nulKeys() && v.indexOf('\0') >= 0) {
      e.factsVerified(false);
      return d.all();
    }
    int k = d.table().find(v);
    if (k >= 0) {
      return d.bitsAt()[k];
    }
    // without a constant holding U+0000, only a value that missed can hold one
    if (v.indexOf('\0') >= 0) {
      e.factsVerified(false);
      return d.all();
    }
    return d.other();
  }

  /**
   * The rules of {@code d} allowed by the node's value, found without making its text where the
   * table can tell; else by the text, which a string node holds (kept for the rules that read
   * the field again) and other nodes are read for.
   */
  private static long[] byNode(Dimension d, Evaluation e) {
    JsonNode node = d.tree().node(e.event());
    if (node == null) {
      return d.other();
    }
    int k = d.table().find(node);
    if (k >= 0) {
      return d.bitsAt()[k];
    }
    if (k == TextTable.MISSING) {
      return d.other();
    }
    String v = node.isTextual() ? d.field().read(e, node.textValue()) : d.field().string(e);
    return byText(d, e, v);
  }

  /**
   * {@code e} without the checks the index makes itself: the {@code =} and {@code in} checks with
   * constants on an indexed field that are conjuncts of {@code e} (through nested conjunctions),
   * which are what its facts come from. A candidate for an event whose indexed values hold no
   * U+0000 has each indexed value in its facts, the intersection of what those checks allow, so
   * each of them is true and the rest of the condition decides. Returns {@code e} itself when
   * nothing is left out, and null when nothing is left (always true for such candidates).
   */
  static Expr residual(Expr e) {
    if (e instanceof Expr.Binary b) {
      return binary(b).isEmpty() ? e : null;
    }
    if (!(e instanceof Expr.And a)) {
      return e;
    }
    List<Expr> kept = new ArrayList<>();
    boolean changed = false;
    for (Expr c : a.children()) {
      Expr r = residual(c);
      changed |= r != c;
      if (r != null) {
        kept.add(r);
      }
    }
    if (!changed) {
      return e;
    }
    if (kept.isEmpty()) {
      return null;
    }
    return kept.size() == 1 ? kept.get(0) : new Expr.And(kept, a.pos());
  }

  /**
   * What {@code e} requires: for each indexed field, the values it may take (strings as the
   * matching operators compare them). Only facts that hold whenever {@code e} is true are returned.
   */
  static Map<String, Set<String>> facts(Expr e) {
    return switch (e) {
      case Expr.And a -> {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Expr c : a.children()) {
          facts(c).forEach((f, vs) -> out.merge(f, vs, RuleIndex::intersect));
        }
        yield out;
      }
      case Expr.Or o -> disjunction(o.children());
      case Expr.Binary b -> binary(b);
      default -> Map.of();
    };
  }

  private static Map<String, Set<String>> disjunction(List<Expr> children) {
    Map<String, Set<String>> out = null;
    for (Expr c : children) {
      Map<String, Set<String>> f = facts(c);
      if (out == null) {
        out = new LinkedHashMap<>(f);
        continue;
      }
      out.keySet().retainAll(f.keySet());
      for (Map.Entry<String, Set<String>> en : out.entrySet()) {
        Set<String> u = new HashSet<>(en.getValue());
        u.addAll(f.get(en.getKey()));
        en.setValue(u);
      }
    }
    return out == null ? Map.of() : out;
  }

  private static Set<String> intersect(Set<String> a, Set<String> b) {
    Set<String> s = new HashSet<>(a);
    s.retainAll(b);
    return s;
  }

  private static Map<String, Set<String>> binary(Expr.Binary b) {
    if (!(b.lhs() instanceof Operand.Field f) || f.arg() != null || b.modifier() != null
        || !FIELDS.contains(f.name())) {
      return Map.of();
    }
    Set<String> values = new HashSet<>();
    switch (b.op()) {
      case "=", "==" -> {
        if (b.rhs() instanceof Operand.Value v) {
          values.add(ByteStrings.cstr(v.text()));
        } else if (b.rhs() instanceof Operand.ListValue l && l.items().size() == 1) {
          values.add(ByteStrings.cstr(l.items().get(0).text()));
        } else {
          return Map.of();
        }
      }
      case "in", "intersects" -> {
        if (b.rhs() instanceof Operand.ListValue l) {
          l.items().forEach(v -> values.add(v.text()));
        } else if (b.rhs() instanceof Operand.Value v) {
          values.add(v.text());
        } else {
          return Map.of();
        }
      }
      default -> {
        return Map.of();
      }
    }
    return Map.of(f.name(), values);
  }
}
