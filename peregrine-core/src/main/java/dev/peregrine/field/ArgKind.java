package dev.peregrine.field;

/** What may follow a field name in brackets. */
public enum ArgKind {
  /** No argument allowed. */
  NONE,
  /** Optional numeric index {@code [n]}: digits, no leading zero unless exactly {@code 0}. */
  INDEX,
  /** Required key {@code [k]} (any text). */
  KEY
}
