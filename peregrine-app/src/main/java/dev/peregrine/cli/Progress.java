package dev.peregrine.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress indicator on standard error, redrawn at most every {@link #INTERVAL_NANOS}
 * (so a fast replay costs no time printing), and cleared at the end.
 */
final class Progress {
  static final long INTERVAL_NANOS = 250_000_000L;
  static final int WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private final long totalBytes;
  private final LongSupplier clock;
  private long last;
  private boolean drawn;

  /**
   * A progress line.
   *
   * @param totalBytes bytes to read in all, or -1 when unknown (standard input)
   */
  Progress(PrintWriter err, String label, long totalBytes, LongSupplier clock) {
    this.err = err;
    this.label = label;
    this.totalBytes = totalBytes;
    this.clock = clock;
    this.last = clock.getAsLong();
  }

  /** True when standard error is probably a terminal (the JVM has an interactive console). */
  static boolean stderrIsTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** Redraws the line if the interval has passed. */
  void update(long bytesRead, long events) {
    long now = clock.getAsLong();
    if (now - last < INTERVAL_NANOS) {
      return;
    }
    last = now;
    drawn = true;
    err.print("\r" + line(bytesRead, events));
    err.flush();
  }

  String line(long bytesRead, long events) {
    String size = Sizes.human(bytesRead);
    if (totalBytes <= 0) {
      return String.format(Locale.ROOT, "%s: %s, %,d events", label, size, events);
    }
    double f = Math.min(1.0, (double) bytesRead / totalBytes);
    int n = (int) Math.round(f * WIDTH);
    return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %s of %s, %,d events", label,
        "#".repeat(n), ".".repeat(WIDTH - n), f * 100, size, Sizes.human(totalBytes), events);
  }

  /** Clears the line if it was drawn. */
  void done() {
    if (drawn) {
      err.print("\r" + " ".repeat(100) + "\r");
      err.flush();
    }
  }
}
