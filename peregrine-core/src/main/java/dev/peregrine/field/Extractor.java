package dev.peregrine.field;

import dev.peregrine.event.AuditEvent;
import java.util.List;

/**
 * A field bound to its argument, resolved once at compile time and then applied to each event.
 * Absence is {@code null} (or, for lists, null or an empty list): every comparison on an absent
 * value is false.
 */
public interface Extractor {
  /** The field's type. */
  FieldType type();

  /** Whether the field yields a list of values. */
  boolean isList();

  /**
   * A scalar field's value as text, or null when absent. For list fields this is Falco's output
   * rendering {@code (v1,v2)} (null when absent).
   */
  String string(AuditEvent event);

  /**
   * A list field's values, or null/empty when absent. The default wraps {@link #string} so that
   * scalar fields can also be read as one-element lists.
   */
  default List<String> list(AuditEvent event) {
    String s = string(event);
    return s == null ? null : List.of(s);
  }

  /**
   * The numeric value of a {@link FieldType#UINT64} or {@link FieldType#ABSTIME} field (ns for
   * times), or null when absent or not numeric. The default is null.
   */
  default Long number(AuditEvent event) {
    return null;
  }

  /**
   * The value as it appears in a JSON alert's {@code output_fields}: a String, a Long (numeric and
   * time fields), a List of String, or null when absent.
   */
  default Object jsonValue(AuditEvent event) {
    if (isList()) {
      List<String> l = list(event);
      return l == null || l.isEmpty() ? null : l;
    }
    return string(event);
  }
}
