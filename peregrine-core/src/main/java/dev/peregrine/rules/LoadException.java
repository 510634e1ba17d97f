package dev.peregrine.rules;

/** An error that stops reading or compiling one item; carries Falco's code and a global offset. */
final class LoadException extends RuntimeException {
  private final String code;
  private final int pos;

  LoadException(String code, String message, int pos) {
    super(message, null, false, false);
    this.code = code;
    this.pos = pos;
  }

  String code() {
    return code;
  }

  int pos() {
    return pos;
  }
}
