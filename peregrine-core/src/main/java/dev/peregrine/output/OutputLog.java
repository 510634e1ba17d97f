package dev.peregrine.output;

/** Where outputs report their own trouble (drops, failures, restarts): a line for an operator. */
@FunctionalInterface
public interface OutputLog {
  /** Discards every message. */
  OutputLog NONE = message -> {};

  /** Reports one warning line (no trailing newline). */
  void warn(String message);
}
