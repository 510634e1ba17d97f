package dev.peregrine.event;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/** Parses RFC 3339 timestamps (0 to 9 fractional digits, {@code Z} or a numeric offset). */
final class StageTime {
  private static final DateTimeFormatter RFC3339 =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT);

  private StageTime() {}

  /**
   * Nanoseconds since the epoch for {@code text}.
   *
   * @throws IllegalArgumentException when the text is not RFC 3339 or out of the long range
   */
  static long parseNanos(String text) {
    return parseNanos(text, true);
  }

  /** {@link #parseNanos(String)}, with or without the fast path (for tests). */
  static long parseNanos(String text, boolean allowFast) {
    long fast = allowFast ? fast(text) : NO_FAST;
    if (fast != NO_FAST) {
      return fast;
    }
    try {
      OffsetDateTime t = OffsetDateTime.parse(text, RFC3339);
      long seconds = t.toEpochSecond();
      return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), t.getNano());
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final long NO_FAST = Long.MIN_VALUE;

  /**
   * The common shape {@code YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|+HH:MM|-HH:MM)} read without the
   * formatter; {@link #NO_FAST} for anything else or anything out of range, which the formatter
   * then reads (or rejects) as before.
   */
  static long fast(String t) {
    int n = t.length();
    if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
        || t.charAt(13) != ':' || t.charAt(16) != ':') {
      return NO_FAST;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if (year < 1678 || year > 2261 || month < 1 || month > 12 || day < 1
        || day > monthLength(year, month)
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return NO_FAST;
    }
    int i = 19;
    long nanos = 0;
    if (t.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
        nanos = nanos * 10 + (t.charAt(i++) - '0');
      }
      if (i == start) {
        return NO_FAST;
      }
      for (int k = i - start; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offset = offsetSeconds(t, i);
    if (offset == Integer.MIN_VALUE) {
      return NO_FAST;
    }
    long seconds = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second
        - offset;
    return seconds * 1_000_000_000L + nanos;
  }

  /** {@code Z}, {@code +HH:MM} or {@code -HH:MM} ending the text at {@code i}, in seconds. */
  private static int offsetSeconds(String t, int i) {
    int rest = t.length() - i;
    if (rest == 1 && t.charAt(i) == 'Z') {
      return 0;
    }
    if (rest != 6 || t.charAt(i + 3) != ':' || t.charAt(i) != '+' && t.charAt(i) != '-') {
      return Integer.MIN_VALUE;
    }
    int h = digits(t, i + 1, 2);
    int m = digits(t, i + 4, 2);
    if (h < 0 || h > 17 || m < 0 || m > 59) {
      return Integer.MIN_VALUE;
    }
    int s = h * 3600 + m * 60;
    if (s == 0) {
      return Integer.MIN_VALUE; // +00:00 / -00:00: left to the formatter
    }
    return t.charAt(i) == '-' ? -s : s;
  }

  /** The decimal number in {@code t[from, from + count)}, or -1 when not all digits. */
  private static int digits(String t, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int monthLength(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (years 0..9999). */
  private static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }
}
