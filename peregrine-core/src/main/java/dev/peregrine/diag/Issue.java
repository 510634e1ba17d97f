package dev.peregrine.diag;

import java.util.Objects;

/**
 * One diagnostic: severity, a stable code (Falco's, such as {@code LOAD_ERR_COMPILE_CONDITION}),
 * where it happened and what is wrong. {@code file} may be null when there is no source text.
 */
public record Issue(Severity severity, String code, SourceFile file, Position position, String message) {
  public Issue {
    Objects.requireNonNull(severity);
    Objects.requireNonNull(code);
    Objects.requireNonNull(position);
    Objects.requireNonNull(message);
  }

  public static Issue error(String code, SourceFile file, Position pos, String message) {
    return new Issue(Severity.ERROR, code, file, pos, message);
  }

  public static Issue warning(String code, SourceFile file, Position pos, String message) {
    return new Issue(Severity.WARNING, code, file, pos, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line:col} (or as much of it as is known). */
  public String where() {
    String name = file == null ? "<input>" : file.name();
    return position.known() ? name + ":" + position.line() + ":" + position.column() : name;
  }

  /**
   * The issue as a person reads it: {@code file:line:col: error: message [CODE]}, then the source
   * line and a caret under the column.
   */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(where()).append(": ").append(severity.label()).append(": ").append(message);
    sb.append(" [").append(code).append(']');
    if (file != null && position.known()) {
      String src = file.line(position.line());
      sb.append('\n').append("  | ").append(src).append('\n').append("  | ");
      for (int i = 0; i < position.column() - 1 && i < src.length(); i++) {
        sb.append(src.charAt(i) == '\t' ? '\t' : ' ');
      }
      sb.append('^');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return where() + ": " + severity.label() + ": " + message + " [" + code + "]";
  }
}
