package dev.peregrine.output;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one output. Every accepted alert ends up in exactly one of delivered, dropped (the
 * queue was full, or still held alerts when the output was closed) or failed (the channel gave up
 * on it); {@code retries} counts extra attempts and {@code possiblyLost} delivered alerts that a
 * program may not have read before it ended (an upper bound, see {@link ProgramOutput}).
 * Thread-safe.
 */
public final class SinkStats implements SinkRetries {
  private final String name;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong possiblyLost = new AtomicLong();

  /** Zeroed counters for the output called {@code name}. */
  public SinkStats(String name) {
    this.name = name;
  }

  /**
   * A consistent-enough copy of the counters for reporting.
   *
   * @param name the output's name ({@code stdout}, {@code file}, {@code http}, ...)
   * @param delivered alerts the destination took
   * @param dropped alerts never attempted: queue full, or left over at shutdown
   * @param failed alerts attempted and given up on
   * @param retries extra delivery attempts (HTTP backoff, program restarts)
   * @param possiblyLost delivered alerts a kept program may not have read before it ended (also
   *     counted in {@code delivered}; an upper bound)
   */
  public record Snapshot(String name, long delivered, long dropped, long failed, long retries,
      long possiblyLost) {
    /** Alerts that did not reach the destination. */
    public long lost() {
      return dropped + failed;
    }
  }

  /** The current values. */
  public Snapshot snapshot() {
    return new Snapshot(name, delivered.get(), dropped.get(), failed.get(), retries.get(),
        possiblyLost.get());
  }

  String name() {
    return name;
  }

  void delivered() {
    delivered.incrementAndGet();
  }

  long dropped(long n) {
    return dropped.addAndGet(n);
  }

  long failed() {
    return failed.incrementAndGet();
  }

  @Override
  public void retried() {
    retries.incrementAndGet();
  }

  @Override
  public void possiblyLost(long n) {
    possiblyLost.addAndGet(n);
  }
}
