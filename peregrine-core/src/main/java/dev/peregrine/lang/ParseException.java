package dev.peregrine.lang;

/** A syntax error at an offset of the unmapped source text; stops parsing. */
final class ParseException extends RuntimeException {
  private final int offset;

  ParseException(String message, int offset) {
    super(message, null, false, false);
    this.offset = offset;
  }

  int offset() {
    return offset;
  }
}
