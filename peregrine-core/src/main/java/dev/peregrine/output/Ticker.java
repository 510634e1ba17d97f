package dev.peregrine.output;

/**
 * Monotonic time and sleeping, in one place so tests can drive retry backoff, drop-log rates and
 * aggregation windows without waiting.
 */
public interface Ticker {
  /** The system ticker: {@link System#nanoTime()} and {@link Thread#sleep(long, int)}. */
  Ticker SYSTEM = new Ticker() {
    @Override
    public long nanos() {
      return System.nanoTime();
    }
  };

  /** Monotonic nanoseconds; only differences are meaningful. */
  long nanos();

  /** Waits about {@code nanos}; interruptible. */
  default void sleep(long nanos) throws InterruptedException {
    if (nanos > 0) {
      Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
    }
  }
}
