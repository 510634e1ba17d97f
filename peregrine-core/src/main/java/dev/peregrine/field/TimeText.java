package dev.peregrine.field;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.function.LongFunction;

/**
 * Renders a time in ns since the epoch as a formatter's text of its whole second, then {@code .},
 * the nine digits of the nanoseconds and a fixed suffix: what a {@code ...ss.SSSSSSSSS} pattern
 * gives. The text of the last second rendered is kept, since events arrive mostly in time order
 * and many share a second; a zone's offset only changes at a whole second, so the text of a
 * second never depends on the nanoseconds. Safe for concurrent use: the kept text is immutable.
 */
final class TimeText implements LongFunction<String> {
  private static final long NS = 1_000_000_000L;

  /** A second and its text. */
  private record Second(long epochSecond, String text) {}

  private final DateTimeFormatter seconds;
  private final String suffix;
  private Second last;

  /**
   * @param seconds formats the whole second (a pattern ending in {@code ss}, with its zone)
   * @param suffix text after the nanoseconds
   */
  TimeText(DateTimeFormatter seconds, String suffix) {
    this.seconds = seconds;
    this.suffix = suffix;
  }

  @Override
  public String apply(long nanos) {
    long second = Math.floorDiv(nanos, NS);
    int fraction = (int) Math.floorMod(nanos, NS);
    Second s = last;
    if (s == null || s.epochSecond() != second) {
      s = new Second(second, seconds.format(Instant.ofEpochSecond(second)));
      last = s;
    }
    StringBuilder sb = new StringBuilder(s.text().length() + 10 + suffix.length());
    sb.append(s.text()).append('.');
    String digits = Integer.toString(fraction);
    for (int i = digits.length(); i < 9; i++) {
      sb.append('0');
    }
    return sb.append(digits).append(suffix).toString();
  }
}
