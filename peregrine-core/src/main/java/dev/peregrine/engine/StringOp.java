package dev.peregrine.engine;

import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * The binary comparison operators that take one value, with their semantics for string fields
 * (libsinsp {@code flt_compare_string}) and for unsigned 64-bit fields such as the result of
 * {@code len()} ({@code flt_compare_numeric}).
 *
 * <p>{@code in}, {@code intersects}, {@code pmatch} and {@code exists} are not here: they take a
 * list or nothing (see {@link PathPrefixSet} for {@code pmatch}). {@code bcontains} and
 * {@code bstartswith} exist so that the compiler can name them, but apply only to byte-buffer
 * fields and are rejected for strings.
 *
 * <p>String semantics are those of C strings over UTF-8 bytes; see {@link ByteStrings}. An
 * absent value never reaches these predicates: the caller makes every comparison on an absent
 * value false, {@code !=} included.
 */
enum StringOp {
  EQ("="),
  NE("!="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">="),
  CONTAINS("contains"),
  ICONTAINS("icontains"),
  STARTSWITH("startswith"),
  ENDSWITH("endswith"),
  GLOB("glob"),
  IGLOB("iglob"),
  REGEX("regex"),
  BCONTAINS("bcontains"),
  BSTARTSWITH("bstartswith");

  private static final long U64_MAX = -1L;

  private final String word;

  StringOp(String word) {
    this.word = word;
  }

  /** The operator as written in conditions ({@code =} for {@link #EQ}). */
  String word() {
    return word;
  }

  /**
   * Looks an operator up by its spelling; {@code ==} is {@link #EQ}.
   *
   * @return the operator, or {@code null} when {@code word} is not one of these operators
   */
  static StringOp fromWord(String word) {
    if ("==".equals(word)) {
      return EQ;
    }
    for (StringOp op : values()) {
      if (op.word.equals(word)) {
        return op;
      }
    }
    return null;
  }

  /** Whether the operator applies to string fields. */
  boolean supportsStrings() {
    return this != BCONTAINS && this != BSTARTSWITH;
  }

  /** Whether the operator applies to numeric fields ({@code = != < <= > >=}). */
  boolean supportsNumbers() {
    return ordinal() <= GE.ordinal();
  }

  /**
   * Precompiles the comparison of a string field with the constant {@code rhs}.
   *
   * @throws IllegalArgumentException with libsinsp's message when the operator does not apply to
   *     strings or {@code rhs} is an invalid regular expression
   */
  Predicate<String> compile(String rhs) {
    requireStrings();
    String r = ByteStrings.cstr(rhs);
    return switch (this) {
      case EQ -> v -> ByteStrings.equal(v, r);
      case NE -> v -> !ByteStrings.equal(v, r);
      case LT -> v -> ByteStrings.compare(v, r) < 0;
      case LE -> v -> ByteStrings.compare(v, r) <= 0;
      case GT -> v -> ByteStrings.compare(v, r) > 0;
      case GE -> v -> ByteStrings.compare(v, r) >= 0;
      case CONTAINS -> v -> ByteStrings.contains(v, r);
      case ICONTAINS -> v -> ByteStrings.containsIgnoreCase(v, r);
      case STARTSWITH -> v -> ByteStrings.startsWith(v, r);
      case ENDSWITH -> v -> ByteStrings.endsWith(v, r);
      case GLOB -> globPredicate(Fnmatch.compile(r, false));
      case IGLOB -> globPredicate(Fnmatch.compile(r, true));
      case REGEX -> regexPredicate(PosixRegex.compile(r));
      case BCONTAINS, BSTARTSWITH -> throw new AssertionError(this);
    };
  }

  /**
   * Compares two string values computed per event (a {@code val(...)} or transformer
   * right-hand side). Glob and regex patterns are compiled on each call; libsinsp rejects
   * {@code regex} with a field right-hand side at compile time, which is the caller's check.
   */
  boolean test(String lhs, String rhs) {
    return compile(rhs).test(lhs);
  }

  /**
   * Precompiles the comparison of an unsigned 64-bit field with the constant {@code rhs}.
   *
   * @throws IllegalArgumentException {@code X is not a valid number} for a bad constant, or
   *     {@code 'op' operator not supported for numeric filters}
   */
  LongPredicate compileUnsigned(String rhs) {
    requireNumbers();
    long r = parseUnsigned(rhs);
    return v -> testUnsigned(v, r);
  }

  /** Applies a numeric operator to two unsigned 64-bit values (Java longs as raw bits). */
  boolean testUnsigned(long lhs, long rhs) {
    requireNumbers();
    int c = Long.compareUnsigned(lhs, rhs);
    return switch (this) {
      case EQ -> c == 0;
      case NE -> c != 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      default -> c >= 0;
    };
  }

  /**
   * Parses a constant for a uint64 field like {@code sscanf("%lu%c")} does in libsinsp: leading
   * C whitespace is skipped, an optional sign is allowed ({@code -1} wraps to 2^64-1), then
   * decimal digits up to the end; overflow saturates at 2^64-1. Anything else, including
   * {@code 0x} hex and trailing spaces, is rejected.
   *
   * @return the value as raw unsigned bits
   * @throws IllegalArgumentException {@code <text> is not a valid number}
   */
  static long parseUnsigned(String text) {
    int i = 0;
    int n = text.length();
    while (i < n && isCSpace(text.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      negative = text.charAt(i) == '-';
      i++;
    }
    if (i == n) {
      throw notANumber(text);
    }
    long value = 0;
    boolean overflow = false;
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw notANumber(text);
      }
      long next = value * 10 + (c - '0');
      if (Long.compareUnsigned(value, Long.divideUnsigned(U64_MAX, 10)) > 0
          || Long.compareUnsigned(next, value * 10) < 0) {
        overflow = true;
      }
      value = next;
    }
    if (overflow) {
      return U64_MAX;
    }
    return negative ? -value : value;
  }

  private static boolean isCSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static IllegalArgumentException notANumber(String text) {
    return new IllegalArgumentException(text + " is not a valid number");
  }

  private void requireStrings() {
    if (!supportsStrings()) {
      throw new IllegalArgumentException(
          "'" + word + "' operator not supported for string filters");
    }
  }

  private void requireNumbers() {
    if (!supportsNumbers()) {
      throw new IllegalArgumentException(
          "'" + word + "' operator not supported for numeric filters");
    }
  }

  private static Predicate<String> globPredicate(Fnmatch f) {
    return new Predicate<>() {
      @Override
      public boolean test(String v) {
        return f.matches(ByteStrings.cstr(v));
      }

      @Override
      public String toString() {
        return f.toString();
      }
    };
  }

  private static Predicate<String> regexPredicate(PosixRegex re) {
    return new Predicate<>() {
      @Override
      public boolean test(String v) {
        return re.matches(ByteStrings.cstr(v));
      }

      @Override
      public String toString() {
        return re.toString();
      }
    };
  }
}
