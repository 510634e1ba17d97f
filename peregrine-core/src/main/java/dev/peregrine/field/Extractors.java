package dev.peregrine.field;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.AuditEvent;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * The extractor shapes used by the catalogue, also offered to later stages (transformers) so that
 * every extractor follows the same absence and rendering rules.
 */
public final class Extractors {
  private Extractors() {}

  /** A scalar text value computed from the event; null means absent. */
  public static Extractor text(Function<AuditEvent, String> fn) {
    return new Text(fn);
  }

  /** A list of text values; null or empty means absent. */
  public static Extractor textList(Function<AuditEvent, List<String>> fn) {
    return new TextList(fn);
  }

  /** An unsigned count (UINT64); null means absent. */
  public static Extractor count(Function<AuditEvent, Long> fn) {
    return new Count(fn);
  }

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

  /** An unsigned number that may be absent; text is its decimal form. */
  record Count(Function<AuditEvent, Long> fn) implements Extractor {
    @Override
    public FieldType type() {
      return FieldType.UINT64;
    }

    @Override
    public boolean isList() {
      return false;
    }

    @Override
    public String string(AuditEvent event) {
      Long n = fn.apply(event);
      return n == null ? null : Long.toUnsignedString(n);
    }

    @Override
    public Long number(AuditEvent event) {
      return fn.apply(event);
    }

    @Override
    public Object jsonValue(AuditEvent event) {
      return fn.apply(event);
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
