package dev.peregrine.engine;

import dev.peregrine.field.Extractor;
import dev.peregrine.field.FieldDef;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.field.FieldType;
import dev.peregrine.field.JsonTreeField;
import dev.peregrine.field.JsonValue;
import dev.peregrine.field.SearchTokens;
import dev.peregrine.lang.Expr;
import dev.peregrine.lang.Operand;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns a resolved condition tree into {@link Condition} nodes. Field names are bound to
 * extractors, constants are checked and pre-built into sets, globs, path sets and regexes, and
 * operator/field-kind mismatches are reported at the node's position. Problems are collected in a
 * {@link CompileLog}; compilation goes on after an error so all of them are reported. Every field
 * a node reads goes through a {@link FieldRead} of the engine's {@link FieldRead.Slots}.
 */
final class Compiler {
  /** Falco limits constant values to 255 bytes. */
  static final int MAX_CONSTANT_BYTES = 255;

  private static final Set<String> LIST_OPS = Set.of("in", "intersects", "exists");
  private static final Set<String> NUMERIC_OPS = Set.of("=", "==", "!=", "<", "<=", ">", ">=");
  private static final Set<String> NA_OPS = Set.of("=", "==", "!=", "in", "intersects", "pmatch");

  private final FieldRegistry registry;
  private final CompileLog log;
  private final boolean fuse;
  private final FieldRead.Slots slots;

  /** A bound operand: its extractor and what identifies the extractor's behaviour. */
  private record Bound(Extractor x, FieldRead.Key key) {}

  /**
   * With {@code fuse}, disjunctions of simple string checks on one field become one node; field
   * reads get their slots from {@code slots}.
   */
  Compiler(FieldRegistry registry, CompileLog log, boolean fuse, FieldRead.Slots slots) {
    this.registry = registry;
    this.log = log;
    this.fuse = fuse;
    this.slots = slots;
  }

  private FieldRead text(Bound b) {
    return slots.text(b.key(), b.x());
  }

  private FieldRead list(Bound b) {
    return slots.list(b.key(), b.x());
  }

  /** Compiles a tree; returns null if an error was logged. */
  Condition compile(Expr expr) {
    int errorsBefore = log.errorCount();
    Condition c = node(expr);
    return log.errorCount() > errorsBefore ? null : c;
  }

  private Condition node(Expr expr) {
    return switch (expr) {
      case Expr.And a -> new Nodes.And(a.children().stream().map(this::node).toList());
      case Expr.Or o -> fuse ? new Nodes.Or(Fusion.fuse(o.children(), this::node, this::quietBind))
          : new Nodes.Or(o.children().stream().map(this::node).toList());
      case Expr.Not n -> new Nodes.Not(node(n.child()));
      case Expr.MacroRef m -> {
        log.error(m.pos(), "Undefined macro '" + m.name() + "' used in filter.", false);
        yield FALSE;
      }
      case Expr.Unary u -> {
        Bound lhs = operand(u.lhs());
        if (lhs == null) {
          yield FALSE;
        }
        yield lhs.x().isList() ? new Nodes.ExistsList(list(lhs)) : new Nodes.Exists(text(lhs));
      }
      case Expr.Binary b -> binary(b);
    };
  }

  private static final Condition FALSE = e -> false;

  private Condition binary(Expr.Binary b) {
    Bound lhs = operand(b.lhs());
    if (lhs == null) {
      return FALSE;
    }
    String op = b.op();
    if (op.equals("bcontains") || op.equals("bstartswith")) {
      log.error(b.pos(), "'" + op + "' operator not supported for string filters", false);
      return FALSE;
    }
    if (lhs.x().isList() && !LIST_OPS.contains(op)) {
      return legacyListCheck(b, lhs);
    }
    warnUnsafeNa(b);
    if (b.rhs() instanceof Operand.Field || b.rhs() instanceof Operand.FieldValue
        || b.rhs() instanceof Operand.Transformer) {
      return fieldRhs(b, lhs);
    }
    if (b.modifier() != null) {
      return modified(b, lhs);
    }
    return switch (op) {
      case "in", "intersects" -> inSet(b, lhs);
      case "pmatch" ->
          new Nodes.ScalarTest(text(lhs), PathPrefixSet.of(constants(b.rhs()))::matches);
      default -> scalar(b, lhs);
    };
  }

  /**
   * A scalar operator on a list field. Current Falco rejects this at compile time; Falco releases
   * before 0.35 accepted it, and rules written then (such as the engine-v4 compatibility rules)
   * still use it. It is accepted with a warning and is true when any value satisfies it.
   */
  private Condition legacyListCheck(Expr.Binary b, Bound lhs) {
    if (b.modifier() != null || !(b.rhs() instanceof Operand.Value)
        && !(b.rhs() instanceof Operand.ListValue)) {
      log.error(b.pos(), "'" + b.op() + "' operator not supported list filters", false);
      return FALSE;
    }
    log.warning(b.pos(), "'" + b.op() + "' on a list field is rejected by current Falco (lists take"
        + " only in, intersects, exists); evaluated as true when any value satisfies it");
    Predicate<String> test = b.op().equals("pmatch")
        ? PathPrefixSet.of(constants(b.rhs()))::matches
        : predicate(b.op(), constant(b.rhs()), b.rhs().pos());
    return test == null ? FALSE : new Nodes.AnyValue(list(lhs), test);
  }

  private Condition inSet(Expr.Binary b, Bound lhs) {
    List<String> values = constants(b.rhs());
    Set<String> set = Set.copyOf(values);
    if (isNumber(lhs.x().type())) {
      Set<String> normalised = new HashSet<>();
      for (String v : values) {
        Long n = parseNumber(v);
        if (n == null) {
          log.error(b.rhs().pos(), "'" + v + "' is not a valid number", false);
          return FALSE;
        }
        normalised.add(Long.toUnsignedString(n));
      }
      set = Set.copyOf(normalised);
    }
    if (lhs.x().isList()) {
      return b.op().equals("in")
          ? new Nodes.ListSubset(list(lhs), set)
          : new Nodes.AnyValue(list(lhs), set::contains);
    }
    return new Nodes.ScalarIn(text(lhs), set);
  }

  private Condition scalar(Expr.Binary b, Bound lhs) {
    String rhs = constant(b.rhs());
    if (rhs == null) {
      return FALSE;
    }
    if (isNumber(lhs.x().type())) {
      if (!NUMERIC_OPS.contains(b.op())) {
        log.error(b.pos(), "'" + b.op() + "' operator not supported for numeric filters", false);
        return FALSE;
      }
      Long n = parseNumber(rhs);
      if (n == null) {
        log.error(b.rhs().pos(), "'" + rhs + "' is not a valid number", false);
        return FALSE;
      }
      return new Nodes.NumericTest(slots.number(lhs.key(), lhs.x()), b.op(), n);
    }
    Predicate<String> test = predicate(b.op(), rhs, b.rhs().pos());
    if (test == null) {
      return FALSE;
    }
    if (fuse && b.op().equals("contains") && lhs.x() instanceof JsonValue json) {
      String token = quotedToken(rhs);
      if (token != null) {
        return new Nodes.QuotedInJson(json, token, text(lhs), test);
      }
    }
    Condition plain = new Nodes.ScalarTest(text(lhs), test);
    if (fuse && b.op().equals("contains") && lhs.x() instanceof JsonTreeField tree
        && JsonValue.searchable(rhs)) {
      return new Nodes.TokensInJson(tree, SearchTokens.of(rhs), plain);
    }
    return plain;
  }

  /** {@code token} when {@code rhs} is {@code "token"} with a searchable token, else null. */
  private static String quotedToken(String rhs) {
    if (rhs.length() < 3 || rhs.charAt(0) != '"' || rhs.charAt(rhs.length() - 1) != '"') {
      return null;
    }
    String token = rhs.substring(1, rhs.length() - 1);
    return JsonValue.searchable(token) ? token : null;
  }

  private Condition modified(Expr.Binary b, Bound lhs) {
    List<Predicate<String>> tests = new ArrayList<>();
    for (String v : constants(b.rhs())) {
      Predicate<String> t = predicate(b.op(), v, b.rhs().pos());
      if (t == null) {
        return FALSE;
      }
      tests.add(t);
    }
    if (fuse && b.op().equals("icontains") && b.modifier().equals("anyof")) {
      String[] needles = constants(b.rhs()).stream()
          .map(v -> ByteStrings.lowerAscii(ByteStrings.cstr(v))).toArray(String[]::new);
      return new Nodes.ContainsAnyIgnoreCase(text(lhs), needles);
    }
    return new Nodes.Modified(text(lhs), tests, b.modifier());
  }

  private Condition fieldRhs(Expr.Binary b, Bound lhs) {
    Operand r = b.rhs() instanceof Operand.FieldValue fv ? fv.field() : b.rhs();
    Bound rhs = operand(r);
    if (rhs == null) {
      return FALSE;
    }
    if (b.op().equals("pmatch") || b.op().equals("regex") || b.modifier() != null) {
      log.error(b.pos(), "'" + b.op() + "' operator not supported with a field on the right", false);
      return FALSE;
    }
    if (rhs.x().isList() != lhs.x().isList()
        || isNumber(rhs.x().type()) != isNumber(lhs.x().type())) {
      log.error(b.rhs().pos(), "field type mismatch between left and right side of '" + b.op() + "'",
          false);
      return FALSE;
    }
    if (b.op().equals("in") || b.op().equals("intersects")) {
      return new Nodes.InField(list(lhs), list(rhs), b.op().equals("in"));
    }
    StringOp op = stringOp(b.op(), b.pos());
    return op == null ? FALSE : new Nodes.FieldToField(text(lhs), text(rhs), op);
  }

  private Predicate<String> predicate(String opWord, String rhs, int pos) {
    StringOp op = stringOp(opWord, pos);
    if (op == null) {
      return null;
    }
    if (op == StringOp.REGEX) {
      warnSimpleRegex(rhs, pos);
    }
    try {
      return op.compile(rhs);
    } catch (IllegalArgumentException ex) {
      log.error(pos, ex.getMessage(), false);
      return null;
    }
  }

  private StringOp stringOp(String word, int pos) {
    StringOp op = StringOp.fromWord(word);
    if (op == null) {
      log.error(pos, "unknown operator '" + word + "'", false);
    }
    return op;
  }

  /**
   * Binds a plain field for a text read without logging (it was already compiled, and reported,
   * once).
   */
  private FieldRead quietBind(Operand o) {
    if (!(o instanceof Operand.Field f)) {
      return null;
    }
    try {
      return registry.find(f.name())
          .map(d -> slots.text(FieldRead.Key.field(f.name(), f.arg()), d.bind(f.arg())))
          .orElse(null);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Binds a field or transformer operand to an extractor; null after logging an error. */
  private Bound operand(Operand o) {
    return switch (o) {
      case Operand.Field f -> field(f);
      case Operand.FieldValue fv -> field(fv.field());
      case Operand.Transformer t -> transformer(t);
      case Operand.Value v -> {
        log.error(v.pos(), "expected a field, found the constant '" + v.text() + "'", false);
        yield null;
      }
      case Operand.ListValue l -> {
        log.error(l.pos(), "expected a field, found a list", false);
        yield null;
      }
    };
  }

  private Bound field(Operand.Field f) {
    Optional<FieldDef> def = registry.find(f.name());
    if (def.isEmpty()) {
      log.error(f.pos(), "filter_check called with nonexistent field " + f.display(), true);
      return null;
    }
    try {
      return new Bound(def.get().bind(f.arg()), FieldRead.Key.field(f.name(), f.arg()));
    } catch (IllegalArgumentException ex) {
      log.error(f.pos(), ex.getMessage(), false);
      return null;
    }
  }

  private Bound transformer(Operand.Transformer t) {
    List<Extractor> args = new ArrayList<>();
    List<FieldRead.Key> keys = new ArrayList<>();
    String constant = null;
    for (Operand a : t.args()) {
      if (a instanceof Operand.Value v) {
        constant = v.text();
        continue;
      }
      Bound x = operand(a);
      if (x == null) {
        return null;
      }
      args.add(x.x());
      keys.add(x.key());
    }
    try {
      return new Bound(TransformerExtractor.of(t.name(), constant, args),
          FieldRead.Key.transformer(t.name(), constant, keys));
    } catch (IllegalArgumentException ex) {
      log.error(t.pos(), ex.getMessage(), false);
      return null;
    }
  }

  private String constant(Operand o) {
    if (o instanceof Operand.Value v) {
      return checkedConstant(v);
    }
    if (o instanceof Operand.ListValue l && l.items().size() == 1) {
      return checkedConstant(l.items().get(0));
    }
    log.error(o.pos(), "expected a single value", false);
    return null;
  }

  private List<String> constants(Operand o) {
    List<String> out = new ArrayList<>();
    if (o instanceof Operand.ListValue l) {
      for (Operand.Value v : l.items()) {
        String s = checkedConstant(v);
        if (s != null) {
          out.add(s);
        }
      }
    } else if (o instanceof Operand.Value v) {
      String s = checkedConstant(v);
      if (s != null) {
        out.add(s);
      }
    } else {
      log.error(o.pos(), "expected a list of values", false);
    }
    return out;
  }

  private String checkedConstant(Operand.Value v) {
    int used = v.text().getBytes(StandardCharsets.UTF_8).length;
    if (used > MAX_CONSTANT_BYTES) {
      log.error(v.pos(), "filter parameter too long (used=" + used + ")", false);
      return null;
    }
    if (!v.quoted()) {
      warnMisusedField(v);
    }
    return v.text();
  }

  private void warnMisusedField(Operand.Value v) {
    String text = v.text();
    int bracket = text.indexOf('[');
    String name = bracket > 0 ? text.substring(0, bracket) : text;
    if (name.contains(".") && registry.find(name).isPresent()) {
      log.warning(v.pos(), "'" + text + "' may be a valid field misused as a const string value");
    } else if (text.matches("(tolower|toupper|b64|basename|len|join|concat|getopt)\\(.*\\)")) {
      log.warning(v.pos(),
          "'" + text + "' may be a valid field transformer misused as a const string value");
    }
  }

  private void warnUnsafeNa(Expr.Binary b) {
    if (!(b.lhs() instanceof Operand.Field f) || !NA_OPS.contains(b.op())) {
      return;
    }
    if (!f.name().startsWith("ka.") && !f.name().startsWith("jevt.")) {
      return;
    }
    boolean na = switch (b.rhs()) {
      case Operand.Value v -> v.text().equals("<NA>");
      case Operand.ListValue l -> l.items().stream().anyMatch(v -> v.text().equals("<NA>"));
      default -> false;
    };
    if (na) {
      log.warning(b.pos(), "LOAD_UNSAFE_NA_CHECK",
          "comparing a field value with <NA> is unsafe: an absent field never equals <NA>");
    }
  }

  private void warnSimpleRegex(String pattern, int pos) {
    String core = pattern;
    if (core.startsWith(".*")) {
      core = core.substring(2);
    }
    if (core.endsWith(".*")) {
      core = core.substring(0, core.length() - 2);
    }
    if (!core.isEmpty() && core.chars().noneMatch(ch -> "\\^$.|?*+()[]{}".indexOf(ch) >= 0)) {
      log.warning(pos, "regex check with '" + pattern + "' may be optimized with simpler operators"
          + " such as '=', 'contains', 'startswith', 'endswith'");
    }
  }

  private static boolean isNumber(FieldType t) {
    return t == FieldType.UINT64 || t == FieldType.ABSTIME;
  }

  private static Long parseNumber(String s) {
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return Long.parseUnsignedLong(s.substring(2), 16);
      }
      String t = s.startsWith("+") ? s.substring(1) : s;
      return Long.parseUnsignedLong(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
