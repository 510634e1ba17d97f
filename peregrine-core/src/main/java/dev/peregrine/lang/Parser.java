package dev.peregrine.lang;

import java.util.function.IntUnaryOperator;

/** Condition parser (implementation pending). */
public final class Parser {
  private Parser() {}

  /** Parses a condition; positions are offsets in {@code text}. */
  public static ParseResult parse(String text) {
    return parse(text, IntUnaryOperator.identity());
  }

  /**
   * Parses a condition; every position recorded in the tree or an error is passed through {@code
   * posMap} (which maps an offset in {@code text} to the caller's coordinate space).
   */
  public static ParseResult parse(String text, IntUnaryOperator posMap) {
    throw new UnsupportedOperationException("parser not implemented yet");
  }
}
