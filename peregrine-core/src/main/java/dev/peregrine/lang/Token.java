package dev.peregrine.lang;

/**
 * One lexeme read from a condition.
 *
 * @param kind what the lexer recognised
 * @param text the characters exactly as they appear in the source (quotes included)
 * @param offset where the lexeme starts in the source
 */
record Token(Kind kind, String text, int offset) {

  /** The lexical categories of the condition language. */
  enum Kind {
    /** Punctuation or a fixed word such as {@code (}, {@code ,}, {@code and}. */
    SYMBOL,
    /** {@code not} followed by at least one blank (blanks included in the text). */
    NOT,
    /** A dotless name: a macro or list name, or a modifier word. */
    IDENTIFIER,
    /** A dotted name such as {@code ka.user.name}. */
    FIELD_NAME,
    /** The unquoted content between {@code [} and {@code ]} after a field name. */
    FIELD_ARG,
    /** {@code 0x1F}. */
    HEX_NUMBER,
    /** {@code -1.5e+3}. */
    NUMBER,
    /** An unquoted value. */
    BARE_STRING,
    /** A single- or double-quoted value, quotes included, not yet unescaped. */
    QUOTED_STRING,
    /** {@code exists}. */
    UNARY_OP,
    /** {@code < <= > >=}: the right-hand side must be numeric. */
    NUM_OP,
    /** {@code = == != contains ...}: the right-hand side is one value. */
    STR_OP,
    /** {@code in intersects pmatch}: the right-hand side is a list. */
    LIST_OP,
    /** {@code oneof anyof allof} used as an operator modifier. */
    MODIFIER,
    /** A transformer name whose {@code (} directly follows (the text excludes the paren). */
    TRANSFORMER,
  }
}
