package dev.peregrine.engine;

import dev.peregrine.field.JsonTreeField;
import dev.peregrine.field.JsonValue;
import dev.peregrine.field.SearchTokens;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The compiled condition nodes. Each is a small final class with one {@code eval}; absent values
 * make every check false, and negation is applied afterwards by {@link Not}. Fields are read
 * through {@link FieldRead}s, each in the one way its node needs.
 */
final class Nodes {
  private Nodes() {}

  /** n-ary conjunction, left to right, short-circuit. */
  static final class And implements Condition {
    private final Condition[] children;

    And(List<Condition> children) {
      this.children = children.toArray(Condition[]::new);
    }

    @Override
    public boolean eval(Evaluation e) {
      for (Condition c : children) {
        if (!c.eval(e)) {
          return false;
        }
      }
      return true;
    }
  }

  /** n-ary disjunction, left to right, short-circuit. */
  static final class Or implements Condition {
    private final Condition[] children;

    Or(List<Condition> children) {
      this.children = children.toArray(Condition[]::new);
    }

    @Override
    public boolean eval(Evaluation e) {
      for (Condition c : children) {
        if (c.eval(e)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Negation. */
  record Not(Condition child) implements Condition {
    @Override
    public boolean eval(Evaluation e) {
      return !child.eval(e);
    }
  }

  /** {@code f exists} on a scalar field: a present value. */
  record Exists(FieldRead field) implements Condition {
    @Override
    public boolean eval(Evaluation e) {
      return field.string(e) != null;
    }
  }

  /** {@code f exists} on a list field: a non-empty list. */
  record ExistsList(FieldRead field) implements Condition {
    @Override
    public boolean eval(Evaluation e) {
      List<String> l = field.list(e);
      return l != null && !l.isEmpty();
    }
  }

  /** A scalar field tested by a precompiled predicate (constant right-hand side). */
  record ScalarTest(FieldRead field, Predicate<String> test) implements Condition {
    @Override
    public boolean eval(Evaluation e) {
      String v = field.string(e);
      return v != null && test.test(v);
    }
  }

  /**
   * {@code json.value[p] contains '"token"'}: searched in the value's member names and strings
   * ({@link JsonValue#containsQuoted}) instead of in its rendered text; {@code test} (the plain
   * {@code contains}) on the text where the search does not apply.
   */
  record QuotedInJson(JsonValue field, String token, FieldRead text, Predicate<String> test)
      implements Condition {
    @Override
    public boolean eval(Evaluation e) {
      Boolean found = field.containsQuoted(e.event(), token);
      if (found != null) {
        return found;
      }
      String v = text.string(e);
      return v != null && test.test(v);
    }
  }

  /**
   * {@code field contains token} for one or more searchable tokens ({@link JsonValue#searchable}),
   * true when the field's text contains any of them: answered on the JSON tree by {@link
   * JsonTreeField#containsAny} when the value is an object or array, else by {@code text}, the
   * same checks on the field's text.
   */
  record TokensInJson(JsonTreeField field, SearchTokens tokens, Condition text)
      implements Condition {
    @Override
    public boolean eval(Evaluation e) {
      Boolean found = field.containsAny(e.event(), tokens);
      return found != null ? found : text.eval(e);
    }
  }

  /**
   * A list field tested value by value: true when any value passes ({@code intersects} a set,
   * and scalar operators on list fields).
   */
  record AnyValue(FieldRead field, Predicate<String> test) implements Condition {
    @Override
    public boolean eval(Evaluation e) {
      List<String> vs = field.list(e);
      if (vs == null) {
        return false;
      }
      for (String v : vs) {
        if (test.test(v)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Scalar {@code in}/{@code intersects} a constant set. */
  record ScalarIn(FieldRead field, Set<String> set) implements Condition {
    @Override
    public boolean eval(Evaluation e) {
      String v = field.string(e);
      return v != null && set.contains(v);
    }
  }

  /** List field {@code in} a constant set: every value is in the set (non-empty list). */
  record ListSubset(FieldRead field, Set<String> set) implements Condition {
    @Override
    public boolean eval(Evaluation e) {
      List<String> vs = field.list(e);
      if (vs == null || vs.isEmpty()) {
        return false;
      }
      for (String v : vs) {
        if (!set.contains(v)) {
          return false;
        }
      }
      return true;
    }
  }

  /** Scalar compared with another field's value ({@code val()} or a transformer on the right). */
  record FieldToField(FieldRead left, FieldRead right, StringOp op) implements Condition {
    @Override
    public boolean eval(Evaluation e) {
      String l = left.string(e);
      if (l == null) {
        return false;
      }
      String r = right.string(e);
      return r != null && op.test(l, r);
    }
  }

  /** {@code in}/{@code intersects} against another field's values. */
  record InField(FieldRead left, FieldRead right, boolean subset) implements Condition {
    @Override
    public boolean eval(Evaluation e) {
      List<String> ls = left.list(e);
      List<String> rs = right.list(e);
      if (ls == null || ls.isEmpty() || rs == null || rs.isEmpty()) {
        return false;
      }
      Set<String> set = Set.copyOf(rs);
      for (String l : ls) {
        boolean in = set.contains(l);
        if (subset && !in) {
          return false;
        }
        if (!subset && in) {
          return true;
        }
      }
      return subset;
    }
  }

  /** Modifier checks: {@code op anyof|allof|oneof (values)}, one predicate per value. */
  record Modified(FieldRead field, List<Predicate<String>> tests, String modifier)
      implements Condition {
    @Override
    public boolean eval(Evaluation e) {
      String v = field.string(e);
      if (v == null) {
        return false;
      }
      return switch (modifier) {
        case "anyof" -> anyOf(v);
        case "allof" -> allOf(v);
        default -> oneOf(v);
      };
    }

    private boolean anyOf(String v) {
      for (Predicate<String> t : tests) {
        if (t.test(v)) {
          return true;
        }
      }
      return false;
    }

    private boolean allOf(String v) {
      for (Predicate<String> t : tests) {
        if (!t.test(v)) {
          return false;
        }
      }
      return true;
    }

    private boolean oneOf(String v) {
      int hits = 0;
      for (Predicate<String> t : tests) {
        if (t.test(v)) {
          hits++;
        }
      }
      return hits == 1;
    }
  }

  /**
   * {@code icontains anyof (needles)}: the value is folded to lower case once and searched for
   * each needle (folded when compiled), which is {@link ByteStrings#containsIgnoreCase} per
   * needle without folding the value again for each.
   */
  record ContainsAnyIgnoreCase(FieldRead field, String[] needles) implements Condition {
    @Override
    public boolean eval(Evaluation e) {
      String v = field.string(e);
      if (v == null) {
        return false;
      }
      String folded = ByteStrings.lowerAscii(ByteStrings.cstr(v));
      for (String n : needles) {
        if (folded.contains(n)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Numeric comparison for number-typed values (transformer {@code len}, raw times). */
  record NumericTest(FieldRead field, String op, long rhs) implements Condition {
    @Override
    public boolean eval(Evaluation e) {
      Long l = field.number(e);
      if (l == null) {
        return false;
      }
      int c = Long.compareUnsigned(l, rhs);
      return switch (op) {
        case "=", "==" -> c == 0;
        case "!=" -> c != 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        case ">=" -> c >= 0;
        default -> false;
      };
    }
  }
}
