package dev.peregrine.field;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns event JSON nodes into field text: strings unescaped, everything else as compact JSON in
 * the original key order, or indented like Go's {@code json.Indent(dst, src, "", "  ")}.
 */
final class JsonText {
  /** Largest decimal scale written in plain notation; larger ones keep the exponent form. */
  private static final int MAX_PLAIN_SCALE = 1000;
  /**
   * What can follow the backslash in the escape of a control character as {@link #escaped}
   * writes it: the letter of a short escape (b, f, n, r, t), or u and the four upper-case hex
   * digits of the others.
   */
  static final String ESCAPE_TAILS = "bfnrtu0123456789ABCDEF";

  private JsonText() {}

  /** A string node's text, or any other node as compact JSON; null stays null. */
  static String asText(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if ((node.isNumber() || node.isBoolean() || node.isNull()) && !node.isBigDecimal()) {
      return node.asText(); // numbers, booleans, null: as writeScalar writes them
    }
    return compact(node);
  }

  /** Compact JSON text of {@code node}: no whitespace, original key order. */
  static String compact(JsonNode node) {
    StringBuilder sb = new StringBuilder(node.isContainerNode() ? 256 : 16);
    write(sb, node, -1);
    return sb.toString();
  }

  /** JSON text of {@code node} with a two-space indent and {@code ": "} after keys. */
  static String indent(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    write(sb, node, 0);
    return sb.toString();
  }

  /** Writes {@code node}; {@code depth < 0} means compact. */
  private static void write(StringBuilder sb, JsonNode node, int depth) {
    if (node.isObject()) {
      writeObject(sb, node, depth);
    } else if (node.isArray()) {
      writeArray(sb, node, depth);
    } else {
      writeScalar(sb, node);
    }
  }

  private static void writeObject(StringBuilder sb, JsonNode node, int depth) {
    if (node.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      newline(sb, depth + 1, depth);
      quote(sb, e.getKey());
      sb.append(depth < 0 ? ":" : ": ");
      write(sb, e.getValue(), depth < 0 ? -1 : depth + 1);
    }
    newline(sb, depth, depth);
    sb.append('}');
  }

  private static void writeArray(StringBuilder sb, JsonNode node, int depth) {
    if (node.isEmpty()) {
      sb.append("[]");
      return;
    }
    sb.append('[');
    for (int i = 0; i < node.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      newline(sb, depth + 1, depth);
      write(sb, node.get(i), depth < 0 ? -1 : depth + 1);
    }
    newline(sb, depth, depth);
    sb.append(']');
  }

  private static void newline(StringBuilder sb, int level, int depth) {
    if (depth < 0) {
      return;
    }
    sb.append('\n');
    for (int i = 0; i < level; i++) {
      sb.append("  ");
    }
  }

  private static void writeScalar(StringBuilder sb, JsonNode node) {
    if (node.isTextual()) {
      quote(sb, node.textValue());
    } else if (node.isBigDecimal()) {
      sb.append(decimal(node.decimalValue()));
    } else if (node.isNumber() || node.isBoolean() || node.isNull()) {
      sb.append(node.asText());
    } else {
      sb.append(node);
    }
  }

  /**
   * Decimal text: plain notation when the value was written without an exponent (scale kept by
   * the exact-decimal node factory), so {@code 1.50} and {@code 0.0000001} come back unchanged.
   */
  static String decimal(BigDecimal d) {
    int scale = d.scale();
    return scale >= 0 && scale <= MAX_PLAIN_SCALE ? d.toPlainString() : d.toString();
  }

  /**
   * Whether the text of {@code node} ({@link #asText}) contains any of {@code tokens}, for
   * tokens without JSON punctuation, quotes, backslashes or control characters: null when the
   * node is not an object or array, false when it is null. Searches each member name's and
   * string's escaped text and each other scalar's text, in which alone such a token can occur
   * ({@link JsonTreeField#containsAny}).
   */
  static Boolean containsAny(JsonNode node, SearchTokens search) {
    if (node == null) {
      return false;
    }
    if (!node.isContainerNode()) {
      return null;
    }
    String[] tokens = search.array();
    boolean tails = search.escapeTails();
    int found = searchAtoms(node, s -> escapedHasAny(s, tokens, tails), s -> hasAny(s, tokens));
    return found < 0 ? null : found == 1;
  }

  /**
   * Searches the atoms of the text of {@code node} ({@link #asText}): each member name and string
   * goes to {@code strings} as it is (unescaped: the test accounts for escapes), the text of each
   * number, boolean and null to {@code others}. 1 when one passes, 0 when none does, -1 when the
   * tree holds a node that is not plain JSON data (then the caller renders it instead).
   */
  static int searchAtoms(JsonNode node, Predicate<String> strings, Predicate<String> others) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> m : node.properties()) {
        if (strings.test(m.getKey())) {
          return 1;
        }
        int r = searchAtoms(m.getValue(), strings, others);
        if (r != 0) {
          return r;
        }
      }
      return 0;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        int r = searchAtoms(element, strings, others);
        if (r != 0) {
          return r;
        }
      }
      return 0;
    }
    if (node.isTextual()) {
      return strings.test(node.textValue()) ? 1 : 0;
    }
    if (node.isNumber() || node.isBoolean() || node.isNull()) {
      return others.test(asText(node)) ? 1 : 0;
    }
    return -1;
  }

  /**
   * Whether the escaped text of {@code s} contains one of the searchable {@code tokens}, found
   * in {@code s} itself where that is the same: a searchable token holds no backslash, so where
   * it occurs in the escaped text it is either the text of characters of {@code s} that need no
   * escape or it starts inside the escape of a control character, after its backslash ({@link
   * #ESCAPE_TAILS}), which needs a control character in {@code s} and such a first character
   * ({@code tails}: one of the tokens has one).
   */
  private static boolean escapedHasAny(String s, String[] tokens, boolean tails) {
    if (hasAny(s, tokens)) {
      return true;
    }
    return tails && hasControl(s) && hasAny(escaped(s), tokens);
  }

  private static boolean hasControl(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) < 0x20) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasAny(String s, String[] tokens) {
    for (String t : tokens) {
      if (s.contains(t)) {
        return true;
      }
    }
    return false;
  }

  /** A string's text as written between quotes: {@code s} itself unless it needs escapes. */
  private static String escaped(String s) {
    if (plain(s)) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 8);
    JsonStringEncoder.getInstance().quoteAsString(s, sb);
    return sb.toString();
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    if (plain(s)) {
      sb.append(s); // nothing to escape: one bulk copy
    } else {
      JsonStringEncoder.getInstance().quoteAsString(s, sb);
    }
    sb.append('"');
  }

  /** True when JSON needs no escape in {@code s}: no control character, quote or backslash. */
  private static boolean plain(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
