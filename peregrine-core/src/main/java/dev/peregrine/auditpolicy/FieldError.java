package dev.peregrine.auditpolicy;

import dev.peregrine.diag.Issue;
import dev.peregrine.diag.Position;
import dev.peregrine.diag.SourceFile;

/**
 * One validation error as the apiserver reports it ({@code field.Error}): a field path, a type, the
 * bad value as Go prints it, and a detail. {@link #message()} is the apiserver's text, e.g. {@code
 * rules[0].level: Required value}.
 *
 * @param field the field path, e.g. {@code rules[2].nonResourceURLs[0]}
 * @param type Required, NotSupported or Invalid
 * @param badValue the value as Go prints it ({@code "foo"}, {@code []string{"/logs*"}}), or null
 * @param detail the explanation, or {@code ""}
 * @param position where the offending value (or its enclosing rule) was written
 */
public record FieldError(String field, Type type, String badValue, String detail,
    Position position) {
  /** The apiserver's error types used by policy validation. */
  public enum Type {
    REQUIRED("Required", "Required value"),
    NOT_SUPPORTED("NotSupported", "Unsupported value"),
    INVALID("Invalid", "Invalid value");

    private final String goName;
    private final String text;

    Type(String goName, String text) {
      this.goName = goName;
      this.text = text;
    }

    /** The Go constant's short name ({@code Required}, {@code NotSupported}, {@code Invalid}). */
    public String goName() {
      return goName;
    }

    /** The text the apiserver prints ({@code Required value}). */
    public String text() {
      return text;
    }
  }

  /** The apiserver's message for this error. */
  public String message() {
    StringBuilder sb = new StringBuilder(field).append(": ").append(type.text());
    if (type != Type.REQUIRED && badValue != null) {
      sb.append(": ").append(badValue);
    }
    if (!detail.isEmpty()) {
      sb.append(": ").append(detail);
    }
    return sb.toString();
  }

  /** This error as an {@link Issue} with code {@link PolicyValidator#CODE}. */
  public Issue toIssue(SourceFile file) {
    return Issue.error(PolicyValidator.CODE, file, position, message());
  }
}
