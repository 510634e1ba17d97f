package dev.peregrine.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.cloud.EnvelopeSink;
import dev.peregrine.event.cloud.Envelopes;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns complete JSON values into events or errors and counts both. Objects that are neither
 * events nor EventLists go to {@link Envelopes} for unwrapping. Paths are built with {@link
 * #child(String, int)} and {@link #items(String)}; the empty path means top level.
 */
final class Sink {
  private final String origin;
  private final Envelopes envelopes;
  private final Consumer<AuditEvent> events;
  private final Consumer<DecodeError> errors;
  private long eventCount;
  private long rejectedCount;
  private long skippedCount;

  Sink(String origin, Envelopes envelopes, Consumer<AuditEvent> events,
      Consumer<DecodeError> errors) {
    this.origin = origin;
    this.envelopes = envelopes;
    this.events = events;
    this.errors = errors;
  }

  Envelopes envelopes() {
    return envelopes;
  }

  long skippedCount() {
    return skippedCount;
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

  /**
   * A value found where an Event, an EventList or an array of those may stand; {@code whole}
   * rebuilds it when a selection left parts of it out (it is then an Event), else null.
   */
  void value(JsonNode node, long line, String path, Supplier<ObjectNode> whole) {
    if (whole == null) {
      value(node, line, path);
    } else if (hasKind(node, "Event")) {
      event((ObjectNode) node, line, path, whole);
    } else {
      value(whole.get(), line, path);
    }
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
      default -> {
        if (!(node instanceof ObjectNode o && envelopes.unwrap(o, path, new Unwrapped(line)))) {
          reject(line, path, envelopes.notRecognized());
        }
      }
    }
  }

  /**
   * An element of an EventList's {@code items} ({@code container} null: kind and apiVersion are
   * not checked) or of a streamed envelope array.
   */
  void item(JsonNode node, long line, String path, Envelopes.Container container) {
    if (container != null) {
      container.element(node, path, new Unwrapped(line));
    } else if (node instanceof ObjectNode o) {
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
        item(array.get(i), line, child(path, i), null);
      }
    }
  }

  private void event(ObjectNode o, long line, String path) {
    event(o, line, path, null);
  }

  /** An EventList item that a selection pruned ({@code whole} rebuilds it). */
  void prunedItem(ObjectNode o, long line, String path, Supplier<ObjectNode> whole) {
    event(o, line, path, whole);
  }

  private void event(ObjectNode o, long line, String path, Supplier<ObjectNode> whole) {
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
    events.accept(new AuditEvent(o, nanos, origin, line, whole));
  }

  /** Results of unwrapping an envelope that starts on {@code line}. */
  private final class Unwrapped implements EnvelopeSink {
    private final long line;

    Unwrapped(long line) {
      this.line = line;
    }

    @Override
    public void event(ObjectNode event, String path) {
      Sink.this.event(event, line, path);
    }

    @Override
    public void error(String path, String reason) {
      reject(line, path, reason);
    }

    @Override
    public void skip(String path, String reason) {
      skippedCount++;
    }
  }
}
