package dev.peregrine.field;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.AuditEvent;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/** The extractor shapes used by the catalogue. */
final class Extractors {
  private Extractors() {}

  /** A scalar text field computed from the event. */
  record Text(Function<AuditEvent, String> fn) implements Extractor {
    @Override
    public FieldType type() {
      return FieldType.STRING;
    }

    @Override
    public boolean isList() {
      return false;
    }

    @Override
    public String string(AuditEvent event) {
      return fn.apply(event);
    }
  }

  /** A list text field; an empty result is reported as absent (null). */
  record TextList(Function<AuditEvent, List<String>> fn) implements Extractor {
    @Override
    public FieldType type() {
      return FieldType.STRING;
    }

    @Override
    public boolean isList() {
      return true;
    }

    @Override
    public List<String> list(AuditEvent event) {
      List<String> values = fn.apply(event);
      return values == null || values.isEmpty() ? null : values;
    }

    @Override
    public String string(AuditEvent event) {
      List<String> values = list(event);
      return values == null ? null : "(" + String.join(",", values) + ")";
    }
  }

  /** A numeric or time field: a number, and its text rendering. */
  record Numeric(FieldType type, ToLongFunction<AuditEvent> value, LongFunction<String> text)
      implements Extractor {
    @Override
    public boolean isList() {
      return false;
    }

    @Override
    public String string(AuditEvent event) {
      return text.apply(value.applyAsLong(event));
    }

    @Override
    public Long number(AuditEvent event) {
      return value.applyAsLong(event);
    }

    @Override
    public Object jsonValue(AuditEvent event) {
      return number(event);
    }
  }

  /** A {@code ka.*} scalar: absent when the event has no top-level {@code auditID}. */
  static Extractor ka(Function<ObjectNode, String> fn) {
    return new Text(e -> e.hasAuditId() ? fn.apply(e.json()) : null);
  }

  /** A {@code ka.*} list: absent when the event has no top-level {@code auditID}. */
  static Extractor kaList(Function<ObjectNode, List<String>> fn) {
    return new TextList(e -> e.hasAuditId() ? fn.apply(e.json()) : null);
  }
}
