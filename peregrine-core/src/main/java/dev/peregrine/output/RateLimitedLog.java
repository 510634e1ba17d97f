package dev.peregrine.output;

/**
 * Reports a recurring problem at most once per interval: the first occurrence at once, then a
 * summary of how many happened since. Thread-safe.
 */
final class RateLimitedLog {
  private final OutputLog log;
  private final Ticker ticker;
  private final long intervalNanos;
  private long lastNanos;
  private boolean logged;
  private long suppressed;

  RateLimitedLog(OutputLog log, Ticker ticker, long intervalNanos) {
    this.log = log;
    this.ticker = ticker;
    this.intervalNanos = intervalNanos;
  }

  /** Records one occurrence; {@code message} is logged if the interval allows it. */
  synchronized void report(String message) {
    long now = ticker.nanos();
    if (logged && now - lastNanos < intervalNanos) {
      suppressed++;
      return;
    }
    String extra = suppressed > 0 ? " (" + suppressed + " similar messages suppressed)" : "";
    logged = true;
    lastNanos = now;
    suppressed = 0;
    log.warn(message + extra);
  }
}
