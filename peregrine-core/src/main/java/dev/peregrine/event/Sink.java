package dev.peregrine.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * Turns complete JSON values into events or errors and counts both. Paths are built with
 * {@link #child(String, int)} and {@link #items(String)}; the empty path means top level.
 */
final class Sink {
  private final String origin;
  private final Consumer<AuditEvent> events;
  private final Consumer<DecodeError> errors;
  private long eventCount;
  private long rejectedCount;

  Sink(String origin, Consumer<AuditEvent> events, Consumer<DecodeError> errors) {
    this.origin = origin;
    this.events = events;
    this.errors = errors;
  }

  long eventCount() {
    return eventCount;
  }

  long rejectedCount() {
    return rejectedCount;
  }

  static String child(String path, int index) {
    return path + "[" + index + "]";
  }

  static String items(String path) {
    return path.isEmpty() ? "items" : path + ".items";
  }

  /** True when {@code node} has a string {@code kind} equal to {@code kind}. */
  static boolean hasKind(JsonNode node, String kind) {
    JsonNode k = node.get("kind");
    return k != null && k.isTextual() && k.textValue().equals(kind);
  }

  void reject(long line, String path, String reason) {
    rejectedCount++;
    errors.accept(new DecodeError(origin, line, path.isEmpty() ? null : path, reason));
  }

  /** A value found where an Event, an EventList or an array of those may stand. */
  void value(JsonNode node, long line, String path) {
    switch (node) {
      case ObjectNode o when hasKind(o, "Event") -> event(o, line, path);
      case ObjectNode o when hasKind(o, "EventList") && o.path("items").isArray() ->
          list((ArrayNode) o.get("items"), line, items(path), false);
      case ObjectNode o when o.get("kind") == null && o.has("auditID") && o.has("stage") ->
          event(o, line, path);
      case ArrayNode a -> list(a, line, path, true);
      default -> reject(line, path, DecodeError.NOT_AN_EVENT);
    }
  }

  /** An element of an EventList's {@code items}: kind and apiVersion are not checked. */
  void item(JsonNode node, long line, String path) {
    if (node instanceof ObjectNode o) {
      event(o, line, path);
    } else {
      reject(line, path, DecodeError.NOT_AN_EVENT);
    }
  }

  private void list(ArrayNode array, long line, String path, boolean values) {
    for (int i = 0; i < array.size(); i++) {
      if (values) {
        value(array.get(i), line, child(path, i));
      } else {
        item(array.get(i), line, child(path, i));
      }
    }
  }

  private void event(ObjectNode o, long line, String path) {
    JsonNode ts = o.get("stageTimestamp");
    if (ts == null || !ts.isTextual()) {
      reject(line, path, "can't read stageTimestamp");
      return;
    }
    long nanos;
    try {
      nanos = StageTime.parseNanos(ts.textValue());
    } catch (IllegalArgumentException e) {
      reject(line, path, "can't parse stageTimestamp \"" + ts.textValue() + "\" as RFC 3339");
      return;
    }
    eventCount++;
    events.accept(new AuditEvent(o, nanos, origin, line));
  }
}
