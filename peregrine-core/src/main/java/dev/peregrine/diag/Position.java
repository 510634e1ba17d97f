package dev.peregrine.diag;

/** A place in a {@link SourceFile}: 0-based character offset, 1-based line and column. */
public record Position(int offset, int line, int column) {
  public static final Position UNKNOWN = new Position(0, 0, 0);

  public boolean known() {
    return line > 0;
  }
}
