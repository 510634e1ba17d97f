package dev.peregrine.output;

/** Where a channel reports extra delivery attempts (HTTP retries, program restarts). */
@FunctionalInterface
public interface SinkRetries {
  /** Ignores retries. */
  SinkRetries NONE = () -> {};

  /** Counts one retry. */
  void retried();
}
