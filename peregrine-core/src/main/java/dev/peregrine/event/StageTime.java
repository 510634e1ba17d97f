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
    try {
      OffsetDateTime t = OffsetDateTime.parse(text, RFC3339);
      long seconds = t.toEpochSecond();
      return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), t.getNano());
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
