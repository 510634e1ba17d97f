package dev.peregrine.output;

/**
 * Where a channel reports what its return value cannot say: extra delivery attempts (HTTP
 * retries, program restarts) and alerts it handed over without being able to vouch for them.
 */
@FunctionalInterface
public interface SinkRetries {
  /** Ignores everything. */
  SinkRetries NONE = () -> {};

  /** Counts one retry. */
  void retried();

  /**
   * Counts {@code n} alerts that were delivered (written to a kept program's input) but may not
   * have been read, because the program ended while they could still have been in its pipe.
   */
  default void possiblyLost(long n) {}
}
