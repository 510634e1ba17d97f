package dev.peregrine.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The first reader of {@link LineDecoder}: a strict JSON reader for one line holding one Event or
 * one EventList (its {@code kind} first), written for the shapes audit logs and webhook bodies
 * have. It builds the same tree as the Jackson path of {@link LineDecoder} for the members the
 * {@link Selection} keeps, and checks the rest byte by byte without building anything, which is
 * where most of an audit line's bytes are.
 *
 * <p>It is stricter than the parser behind it, never more lenient: whatever it is not sure of it
 * <em>declines</em> (returns -1 having handed on nothing), and the Jackson path reads the line
 * and decides, reporting errors as before. It declines on malformed JSON; on UTF-8 that is not
 * well-formed (RFC 3629: no overlong forms, no surrogates); on a carriage return anywhere but
 * just before the line feed; on whitespace other than spaces and tabs inside the line; on a
 * string or name longer than the string limit, a number longer than {@link #MAX_NUMBER} bytes or
 * a nesting depth at the depth limit (or {@link #MAX_DEPTH}); on anything after the value on its
 * line; and on the cases the Jackson path declines (another top-level shape, an event over the
 * size limit).
 *
 * <p>Not thread-safe: one per decoder.
 */
final class LineScanner {
  /**
   * Deepest nesting read here (it reads recursively); deeper lines are left to Jackson, whatever
   * the depth limit.
   */
  static final int MAX_DEPTH = 200;

  /** Longest number read here, in bytes; longer ones are left to Jackson and its limits. */
  static final int MAX_NUMBER = 100;

  /** Class of each byte inside a string: 0 plain ASCII; else a byte needing a look. */
  private static final byte[] STRING_CLASS = new byte[256];

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private static final int NAME_CACHE = 1024;
  private static final int MAX_CACHED_NAME = 64;

  static {
    for (int c = 0; c < 0x20; c++) {
      STRING_CLASS[c] = 1;
    }
    STRING_CLASS['"'] = 1;
    STRING_CLASS['\\'] = 1;
    for (int c = 0x80; c < 0x100; c++) {
      STRING_CLASS[c] = 1;
    }
  }

  /** Thrown (without a stack trace) to give a line back to the Jackson path. */
  private static final class Decline extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Decline() {
      super("declined", null, false, false);
    }
  }

  private static final Decline DECLINE = new Decline();

  /** What a line held. */
  enum Kind {
    /** Only blanks. */
    BLANK,
    /** One Event: {@link #event()}. */
    EVENT,
    /** One EventList: {@link #items()}. */
    LIST
  }

  private final JsonNodeFactory nodes;
  private final Selection selection;
  private final int maxDepth;
  private final int maxString;
  private final long maxBytes;

  private final byte[][] cachedNameBytes = new byte[NAME_CACHE][];
  private final int[] cachedLengths = new int[NAME_CACHE];
  private final long[] cachedFirst = new long[NAME_CACHE];
  private final long[] cachedLast = new long[NAME_CACHE];
  private final String[] cachedNames = new String[NAME_CACHE];

  private byte[] b;
  private int lim;
  /** Set by {@link #string}: the string just read had an escape sequence. */
  private boolean escaped;
  /** Set by {@link #numberEnd}: the number just checked has a fraction or an exponent. */
  private boolean fractional;
  /** Set by {@link #string}: the string just read is all ASCII. */
  private boolean ascii;
  /** Set by {@link #string}: the string just read escapes a UTF-16 surrogate. */
  private boolean surrogate;
  /** The number of the line being read. */
  private long line;

  /** The "Event" kind value, shared by every event (nodes are immutable). */
  private final JsonNode eventKind;
  /** Members gathered for the object being read at each nesting depth. */
  private String[][] scratchNames = new String[8][];
  private JsonNode[][] scratchValues = new JsonNode[8][];
  /** The object or value just read by {@link #members} or {@link #member}. */
  private JsonNode built;

  private Kind kind;
  private ObjectNode event;
  private int start;
  private int end;
  private boolean pruned;
  private List<LineDecoder.Item> items;

  /**
   * {@code selection} null keeps everything; the limits are those of the parser behind it: the
   * deepest nesting, the longest string in bytes, the largest event.
   */
  LineScanner(JsonNodeFactory nodes, Selection selection, int maxDepth, int maxString,
      long maxBytes) {
    this.nodes = nodes;
    this.selection = selection;
    this.maxDepth = Math.min(maxDepth, MAX_DEPTH);
    this.maxString = maxString;
    this.maxBytes = maxBytes;
    this.eventKind = nodes.textNode("Event");
  }

  /** Gathers member {@code n} of the object being read at {@code depth}. */
  private void add(int depth, int n, String name, JsonNode value) {
    if (depth >= scratchNames.length) {
      scratchNames = Arrays.copyOf(scratchNames, Math.max(depth + 1, scratchNames.length * 2));
      scratchValues = Arrays.copyOf(scratchValues, scratchNames.length);
    }
    String[] names = scratchNames[depth];
    if (names == null || n == names.length) {
      int size = names == null ? 16 : n * 2;
      scratchNames[depth] = names = names == null ? new String[size] : Arrays.copyOf(names, size);
      scratchValues[depth] = scratchValues[depth] == null ? new JsonNode[size]
          : Arrays.copyOf(scratchValues[depth], size);
    }
    names[n] = name;
    scratchValues[depth][n] = value;
  }

  /** The object of the {@code n} members gathered at {@code depth}; releases them. */
  private ObjectNode object(int depth, int n) {
    if (n == 0) {
      return new ObjectNode(nodes, MemberMap.of(null, null, 0));
    }
    JsonNode[] values = scratchValues[depth];
    ObjectNode o = new ObjectNode(nodes, MemberMap.of(scratchNames[depth], values, n));
    Arrays.fill(values, 0, n, null);
    return o;
  }

  Kind kind() {
    return kind;
  }

  /** The Event of the last line read. */
  ObjectNode event() {
    return event;
  }

  /** Where the last value read starts in the array. */
  int start() {
    return start;
  }

  /** Where the last value read ends in the array. */
  int end() {
    return end;
  }

  /** True when the last Event read has members left out. */
  boolean pruned() {
    return pruned;
  }

  /** The items of the last EventList read. */
  List<LineDecoder.Item> items() {
    return items;
  }

  /**
   * Reads the line starting at {@code from} in {@code buf[from, to)}; the line ends at a line
   * feed, or at {@code to} when {@code last} (the bytes end the input). Returns the index after
   * the line (after its line feed) or -1 when declined. {@code line} is the line's number.
   */
  int scan(byte[] buf, int from, int to, boolean last, long line) {
    this.line = line;
    this.b = buf;
    this.lim = to;
    event = null;
    items = null;
    try {
      int i = blanks(from);
      if (i >= to || buf[i] == '\n' || buf[i] == '\r') {
        kind = Kind.BLANK;
        return lineEnd(i, last);
      }
      if (buf[i] != '{') {
        return -1;
      }
      start = i;
      i = blanks(i + 1);
      if (!isKindName(i)) {
        return -1;
      }
      i = colon(i + 6);
      if (at(i) != '"') {
        return -1;
      }
      int close = string(i + 1);
      if (escaped) {
        return -1;
      }
      int len = close - i - 1;
      if (len == 5 && matches(i + 1, "Event")) {
        kind = Kind.EVENT;
        i = close + 1;
        boolean left = false;
        i = blanks(i);
        add(1, 0, "kind", eventKind);
        ObjectNode o;
        if (at(i) == ',') {
          left = members(selection, true, 1, blanks(i + 1), false, 1);
          o = (ObjectNode) built;
          i = end;
        } else if (at(i) == '}') {
          o = object(1, 1);
          i++;
        } else {
          return -1;
        }
        if (i - start > maxBytes) {
          return -1;
        }
        event = o;
        pruned = left;
        end = i;
        return lineEnd(blanks(i), last);
      }
      if (len == 9 && matches(i + 1, "EventList")) {
        kind = Kind.LIST;
        i = list(close + 1);
        end = i;
        return items == null ? -1 : lineEnd(blanks(i), last);
      }
      return -1;
    } catch (Decline e) {
      return -1;
    } finally {
      this.b = null;
    }
  }

  /** After a value or a blank line: the index after its line feed, or declined. */
  private int lineEnd(int i, boolean last) {
    if (i < lim && b[i] == '\r') {
      i++;
      if (i >= lim || b[i] != '\n') {
        return -1;
      }
    }
    if (i < lim) {
      return b[i] == '\n' ? i + 1 : -1;
    }
    return last ? lim : -1;
  }

  /** The rest of an EventList after its kind: keeps the first {@code items}, checks the rest. */
  private int list(int i) {
    i = next(i, '}');
    if (i < 0) {
      return end;
    }
    while (true) {
      if (at(i) != '"') {
        throw DECLINE;
      }
      int close = name(i + 1);
      boolean isItems = !escaped && close - i - 1 == 5 && matches(i + 1, "items");
      i = colon(close + 1);
      if (items == null && isItems) {
        if (at(i) != '[' || i - start > maxBytes) {
          throw DECLINE;
        }
        i = listItems(i + 1);
      } else {
        i = skip(i, 2);
      }
      i = next(i, '}');
      if (i < 0) {
        return end;
      }
    }
  }

  private int listItems(int i) {
    List<LineDecoder.Item> out = new ArrayList<>();
    i = blanks(i);
    if (at(i) == ']') {
      items = out;
      return i + 1;
    }
    while (true) {
      if (at(i) != '{') {
        throw DECLINE;
      }
      int itemStart = i;
      boolean left = members(selection, true, 3, blanks(i + 1), true, 0);
      i = end;
      out.add(new LineDecoder.Item((ObjectNode) built, line, itemStart, i, left));
      i = next(i, ']');
      if (i < 0) {
        items = out;
        return end;
      }
    }
  }

  /**
   * Reads the members of an object at nesting {@code depth} from {@code i} (at a member name, or
   * at the closing brace when {@code first}), keeping what {@code sel} keeps ({@code top}: an
   * Event's top level), after the {@code n} members already gathered for it; leaves the object
   * in {@link #built} and {@link #end} after the closing brace. Returns true when something was
   * left out.
   */
  private boolean members(Selection sel, boolean top, int depth, int i, boolean first, int n) {
    if (depth >= maxDepth) {
      throw DECLINE;
    }
    if (first && at(i) == '}') {
      end = i + 1;
      built = object(depth, n);
      return false;
    }
    boolean all = sel == null || sel.keepsAll();
    boolean left = false;
    while (true) {
      if (at(i) != '"') {
        throw DECLINE;
      }
      int close = name(i + 1);
      if (all) {
        String name = name(i + 1, close);
        i = colon(close + 1);
        add(depth, n++, name, whole(i, depth + 1));
        i = end;
      } else {
        String name;
        Selection child;
        if (escaped) {
          name = text(i + 1, close);
          child = top ? sel.memberOf(name) : sel.child(name);
        } else {
          ByteKeys keys = top ? sel.memberKeys() : sel.childKeys();
          int k = keys.find(b, i + 1, close);
          if (k >= 0) {
            name = keys.name(k);
            child = keys.selection(k);
          } else if (top) {
            name = name(i + 1, close);
            child = Selection.all();
          } else {
            name = null;
            child = null;
          }
        }
        i = colon(close + 1);
        if (child == null) {
          i = skip(i, depth + 1);
          left = true;
        } else {
          left |= member(child, i, depth + 1);
          add(depth, n++, name, built);
          i = end;
        }
      }
      i = next(i, '}');
      if (i < 0) {
        built = object(depth, n);
        return left;
      }
    }
  }

  /**
   * The value of a kept member at {@code i}, at nesting {@code depth}, into {@link #built};
   * returns true when something below it was left out.
   */
  private boolean member(Selection sel, int i, int depth) {
    if (sel.keepsAll()) {
      built = whole(i, depth);
      return false;
    }
    byte c = at(i);
    if (c == '{') {
      return members(sel, false, depth, blanks(i + 1), true, 0);
    }
    if (c == '[') {
      ArrayNode child = nodes.arrayNode();
      boolean left = elements(child, sel, i + 1, depth);
      built = child;
      return left;
    }
    built = scalar(i);
    return false;
  }

  /** Elements of an array on a selected path, each with the array's selection. */
  private boolean elements(ArrayNode a, Selection sel, int i, int depth) {
    if (depth >= maxDepth) {
      throw DECLINE;
    }
    i = blanks(i);
    if (at(i) == ']') {
      end = i + 1;
      return false;
    }
    boolean left = false;
    while (true) {
      byte c = at(i);
      if (c == '{') {
        left |= members(sel, false, depth + 1, blanks(i + 1), true, 0);
        a.add(built);
        i = end;
      } else if (c == '[') {
        ArrayNode child = nodes.arrayNode();
        a.add(child);
        left |= elements(child, sel, i + 1, depth + 1);
        i = end;
      } else {
        a.add(scalar(i));
        i = end;
      }
      i = next(i, ']');
      if (i < 0) {
        return left;
      }
    }
  }

  /** The whole value at {@code i}; leaves {@link #end} after it. */
  private JsonNode whole(int i, int depth) {
    byte c = at(i);
    if (c == '{') {
      members(null, false, depth, blanks(i + 1), true, 0);
      return built;
    }
    if (c == '[') {
      if (depth >= maxDepth) {
        throw DECLINE;
      }
      ArrayNode a = nodes.arrayNode();
      i = blanks(i + 1);
      if (at(i) == ']') {
        end = i + 1;
        return a;
      }
      while (true) {
        a.add(whole(i, depth + 1));
        i = next(end, ']');
        if (i < 0) {
          return a;
        }
      }
    }
    return scalar(i);
  }

  /** A string, number or literal at {@code i}; leaves {@link #end} after it. */
  private JsonNode scalar(int i) {
    byte c = at(i);
    if (c == '"') {
      int close = string(i + 1);
      end = close + 1;
      // the bytes stay unchanged while the event is in use: its text is made when read
      return new BytesText(b, i + 1, close, escaped, ascii, surrogate);
    }
    if (c == 't' && literal(i, "true")) {
      end = i + 4;
      return nodes.booleanNode(true);
    }
    if (c == 'f' && literal(i, "false")) {
      end = i + 5;
      return nodes.booleanNode(false);
    }
    if (c == 'n' && literal(i, "null")) {
      end = i + 4;
      return nodes.nullNode();
    }
    return number(i);
  }

  /** A number (RFC 8259 grammar) at {@code i}, as Jackson's tree reader types it. */
  private JsonNode number(int i) {
    int e = numberEnd(i);
    end = e;
    if (fractional) {
      try {
        String text = new String(b, i, e - i, StandardCharsets.ISO_8859_1);
        return nodes.numberNode(new BigDecimal(text));
      } catch (NumberFormatException x) {
        throw DECLINE;
      }
    }
    boolean negative = b[i] == '-';
    int digits = negative ? i + 1 : i;
    if (e - digits <= 18) {
      long v = 0;
      for (int k = digits; k < e; k++) {
        v = v * 10 + (b[k] - '0');
      }
      if (negative) {
        v = -v;
      }
      return v == (int) v ? nodes.numberNode((int) v) : nodes.numberNode(v);
    }
    BigInteger big = new BigInteger(new String(b, i, e - i, StandardCharsets.ISO_8859_1));
    return big.bitLength() <= 63 ? nodes.numberNode(big.longValue()) : nodes.numberNode(big);
  }

  /**
   * Checks the number at {@code i} and the separator after it; returns the index after it and
   * sets {@link #fractional} when it has a fraction or an exponent.
   */
  private int numberEnd(int i) {
    int s = i;
    if (at(i) == '-') {
      i++;
    }
    byte c = at(i);
    if (c == '0') {
      i++;
    } else if (c >= '1' && c <= '9') {
      while (i < lim && isDigit(b[i])) {
        i++;
      }
    } else {
      throw DECLINE;
    }
    boolean fraction = false;
    if (i < lim && b[i] == '.') {
      fraction = true;
      i = digits(i + 1);
    }
    if (i < lim && (b[i] == 'e' || b[i] == 'E')) {
      fraction = true;
      i++;
      if (i < lim && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      i = digits(i);
    }
    if (i >= lim || i - s > MAX_NUMBER) {
      throw DECLINE;
    }
    c = b[i];
    if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t') {
      throw DECLINE;
    }
    fractional = fraction;
    return i;
  }

  /** One or more digits from {@code i}; the index after them. */
  private int digits(int i) {
    if (i >= lim || !isDigit(b[i])) {
      throw DECLINE;
    }
    while (i < lim && isDigit(b[i])) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  /** Checks the value at {@code i} without building it; returns the index after it. */
  private int skip(int i, int depth) {
    byte c = at(i);
    switch (c) {
      case '"' -> {
        return string(i + 1) + 1;
      }
      case '{' -> {
        if (depth >= maxDepth) {
          throw DECLINE;
        }
        i = blanks(i + 1);
        if (at(i) == '}') {
          return i + 1;
        }
        while (true) {
          if (at(i) != '"') {
            throw DECLINE;
          }
          i = next(skip(colon(name(i + 1) + 1), depth + 1), '}');
          if (i < 0) {
            return end;
          }
        }
      }
      case '[' -> {
        if (depth >= maxDepth) {
          throw DECLINE;
        }
        i = blanks(i + 1);
        if (at(i) == ']') {
          return i + 1;
        }
        while (true) {
          i = next(skip(i, depth + 1), ']');
          if (i < 0) {
            return end;
          }
        }
      }
      case 't' -> {
        return literalEnd(i, "true");
      }
      case 'f' -> {
        return literalEnd(i, "false");
      }
      case 'n' -> {
        return literalEnd(i, "null");
      }
      default -> {
        return numberEnd(i);
      }
    }
  }

  private int literalEnd(int i, String word) {
    if (!literal(i, word)) {
      throw DECLINE;
    }
    return i + word.length();
  }

  /** True when {@code word} is at {@code i} and is followed by a separator. */
  private boolean literal(int i, String word) {
    int n = word.length();
    if (i + n >= lim) {
      throw DECLINE;
    }
    if (!matches(i, word)) {
      throw DECLINE;
    }
    byte c = b[i + n];
    if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t') {
      throw DECLINE;
    }
    return true;
  }

  /** True when the ASCII {@code word} is at {@code i}. */
  private boolean matches(int i, String word) {
    if (i + word.length() > lim) {
      return false;
    }
    for (int k = 0; k < word.length(); k++) {
      if (b[i + k] != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code "kind"} starts at {@code i}. */
  private boolean isKindName(int i) {
    return matches(i, "\"kind\"");
  }

  /**
   * Checks the string whose first byte (after the opening quote) is at {@code i}; returns the
   * index of its closing quote and sets {@link #escaped}.
   */
  private int string(int i) {
    final byte[] b = this.b;
    final int lim = this.lim;
    int s = i;
    boolean esc = false;
    boolean plain = true;
    surrogate = false;
    while (true) {
      // eight bytes at a time while none is a quote, a backslash, a control or non-ASCII byte
      while (i + 8 <= lim) {
        long w = (long) LONGS.get(b, i);
        long quote = w ^ 0x2222222222222222L;
        long slash = w ^ 0x5C5C5C5C5C5C5C5CL;
        long special = ((quote - ONES) & ~quote) | ((slash - ONES) & ~slash)
            | ((w - 0x2020202020202020L) & ~w) | w;
        special &= HIGHS;
        if (special != 0) {
          i += Long.numberOfTrailingZeros(special) >>> 3;
          break;
        }
        i += 8;
      }
      while (i < lim && STRING_CLASS[b[i] & 0xff] == 0) {
        i++;
      }
      if (i >= lim) {
        throw DECLINE;
      }
      int c = b[i] & 0xff;
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        esc = true;
        i = escape(i + 1);
      } else if (c < 0x20) {
        throw DECLINE;
      } else {
        plain = false;
        i = utf8(i, c);
      }
    }
    if (i - s > maxString) {
      throw DECLINE;
    }
    escaped = esc;
    ascii = plain;
    return i;
  }

  /** Checks the escape whose letter is at {@code i}; returns the index after it. */
  private int escape(int i) {
    if (i >= lim) {
      throw DECLINE;
    }
    switch (b[i]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return i + 1;
      }
      case 'u' -> {
        if (i + 4 >= lim) {
          throw DECLINE;
        }
        int v = 0;
        for (int k = 1; k <= 4; k++) {
          int h = hex(b[i + k]);
          if (h < 0) {
            throw DECLINE;
          }
          v = v << 4 | h;
        }
        surrogate |= v >= 0xD800 && v <= 0xDFFF;
        return i + 5;
      }
      default -> throw DECLINE;
    }
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Checks the well-formed UTF-8 sequence whose lead byte {@code c} is at {@code i}. */
  private int utf8(int i, int c) {
    int n;
    int lo = 0x80;
    int hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) {
        lo = 0xA0;
      } else if (c == 0xED) {
        hi = 0x9F;
      }
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) {
        lo = 0x90;
      } else if (c == 0xF4) {
        hi = 0x8F;
      }
    } else {
      throw DECLINE;
    }
    if (i + n >= lim) {
      throw DECLINE;
    }
    int d = b[i + 1] & 0xff;
    if (d < lo || d > hi) {
      throw DECLINE;
    }
    for (int k = 2; k <= n; k++) {
      d = b[i + k] & 0xff;
      if (d < 0x80 || d > 0xBF) {
        throw DECLINE;
      }
    }
    return i + n + 1;
  }

  /**
   * Checks a member name as {@link #string} does, declining names that escape a surrogate, which
   * Jackson checks in names (and not in other strings).
   */
  private int name(int i) {
    int close = string(i);
    if (surrogate) {
      throw DECLINE;
    }
    return close;
  }

  /** The text of a checked string in {@code b[from, close)}. */
  private String text(int from, int close) {
    return text(b, from, close, escaped, ascii, surrogate);
  }

  /**
   * The text of a string checked by {@link #string} in {@code b[from, close)}, given what that
   * found: whether it has escapes, only ASCII bytes, escaped surrogates.
   */
  static String text(byte[] b, int from, int close, boolean escaped, boolean ascii,
      boolean surrogate) {
    if (!escaped) {
      // ASCII is its own ISO-8859-1 text, which a String takes without decoding
      return new String(b, from, close - from,
          ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }
    if (surrogate) {
      return unescapeChars(b, from, close);
    }
    // every escape is longer than the UTF-8 of what it stands for: unescape into the bytes of
    // the text, then decode them once
    byte[] out = new byte[close - from];
    int o = 0;
    boolean plain = ascii;
    int i = from;
    while (i < close) {
      byte c = b[i];
      if (c != '\\') {
        out[o++] = c;
        i++;
        continue;
      }
      byte e = b[i + 1];
      i += 2;
      switch (e) {
        case 'b' -> out[o++] = '\b';
        case 'f' -> out[o++] = '\f';
        case 'n' -> out[o++] = '\n';
        case 'r' -> out[o++] = '\r';
        case 't' -> out[o++] = '\t';
        case 'u' -> {
          int v = hex(b[i]) << 12 | hex(b[i + 1]) << 8 | hex(b[i + 2]) << 4 | hex(b[i + 3]);
          i += 4;
          if (v < 0x80) {
            out[o++] = (byte) v;
          } else if (v < 0x800) {
            out[o++] = (byte) (0xC0 | v >> 6);
            out[o++] = (byte) (0x80 | v & 0x3F);
            plain = false;
          } else {
            out[o++] = (byte) (0xE0 | v >> 12);
            out[o++] = (byte) (0x80 | v >> 6 & 0x3F);
            out[o++] = (byte) (0x80 | v & 0x3F);
            plain = false;
          }
        }
        default -> out[o++] = e; // '"', '\\', '/'
      }
    }
    return new String(out, 0, o, plain ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  /** {@link #text} of an escaped string with escaped surrogates, char by char. */
  private static String unescapeChars(byte[] b, int from, int close) {
    StringBuilder sb = new StringBuilder(close - from);
    int run = from;
    int i = from;
    while (i < close) {
      if (b[i] != '\\') {
        i++;
        continue;
      }
      if (i > run) {
        sb.append(new String(b, run, i - run, StandardCharsets.UTF_8));
      }
      byte e = b[i + 1];
      switch (e) {
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          sb.append((char) (hex(b[i + 2]) << 12 | hex(b[i + 3]) << 8 | hex(b[i + 4]) << 4
              | hex(b[i + 5])));
          i += 4;
        }
        default -> sb.append((char) e); // '"', '\\', '/'
      }
      i += 2;
      run = i;
    }
    if (close > run) {
      sb.append(new String(b, run, close - run, StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  /**
   * A member name in {@code b[from, close)}: repeated names come from a small cache, keyed by
   * their length and their first and last eight bytes (names of up to 16 bytes are those; longer
   * ones compare their bytes too).
   */
  private String name(int from, int close) {
    int n = close - from;
    if (escaped || n > MAX_CACHED_NAME || from + 8 > b.length) {
      return text(from, close);
    }
    long first = (long) LONGS.get(b, from);
    if (n < 8) {
      first &= (1L << (n << 3)) - 1;
    }
    long last = n > 8 ? (long) LONGS.get(b, close - 8) : 0;
    long mix = (first * 0x9E3779B97F4A7C15L) ^ (last * 0xC2B2AE3D27D4EB4FL) ^ n;
    int slot = (int) (mix ^ (mix >>> 29) ^ (mix >>> 47)) & (NAME_CACHE - 1);
    String cached = cachedNames[slot];
    if (cached != null && cachedLengths[slot] == n && cachedFirst[slot] == first
        && cachedLast[slot] == last && (n <= 16 || Arrays.equals(cachedNameBytes[slot], 0,
            n, b, from, close))) {
      return cached;
    }
    String name = new String(b, from, n, ascii ? StandardCharsets.ISO_8859_1
        : StandardCharsets.UTF_8);
    cachedNameBytes[slot] = n > 16 ? Arrays.copyOfRange(b, from, close) : null;
    cachedLengths[slot] = n;
    cachedFirst[slot] = first;
    cachedLast[slot] = last;
    cachedNames[slot] = name;
    return name;
  }


  /** After a member name's closing quote at {@code i - 1}: the colon; the index of the value. */
  private int colon(int i) {
    i = blanks(i);
    if (at(i) != ':') {
      throw DECLINE;
    }
    return blanks(i + 1);
  }

  /**
   * After a value inside a container that {@code close} ends: the index of the next value (past
   * the comma and blanks), or -1 when the container ends here, with {@link #end} after it.
   */
  private int next(int i, char close) {
    i = blanks(i);
    byte c = at(i);
    if (c == close) {
      end = i + 1;
      return -1;
    }
    if (c != ',') {
      throw DECLINE;
    }
    return blanks(i + 1);
  }

  /** Skips spaces and tabs. */
  private int blanks(int i) {
    while (i < lim && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  /** The byte at {@code i}; declines at the end of the line's bytes. */
  private byte at(int i) {
    if (i >= lim) {
      throw DECLINE;
    }
    return b[i];
  }
}
