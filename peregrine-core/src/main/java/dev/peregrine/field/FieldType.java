package dev.peregrine.field;

/** The value type of a field, which decides operator semantics and JSON rendering. */
public enum FieldType {
  /** Text; compared bytewise, rendered as a JSON string. All {@code ka.*}/{@code jevt.*} fields. */
  STRING,
  /** Unsigned 64-bit number; numeric comparison, rendered as a JSON number. */
  UINT64,
  /** Absolute time in ns; text rendering is field-specific, JSON rendering is the ns number. */
  ABSTIME
}
