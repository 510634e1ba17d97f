package dev.peregrine.lang;

/** The outcome of parsing a condition: a tree, or the first error with its position. */
public sealed interface ParseResult {
  /** Parsed successfully. */
  record Ok(Expr expr) implements ParseResult {}

  /** The first syntax error: Falco's message and the (mapped) offset where it was found. */
  record Error(String message, int pos) implements ParseResult {}
}
