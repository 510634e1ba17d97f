package dev.peregrine.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One Kubernetes audit event as the engine sees it: the event's JSON object (key order as
 * received), its time ({@code stageTimestamp} in nanoseconds since the epoch) and where it was read.
 *
 * @param json the event object; never mutated after decoding
 * @param timeNanos {@code stageTimestamp} as ns since the epoch
 * @param origin where the event came from (file name, {@code -}, {@code webhook})
 * @param line 1-based line of the event's first byte in {@code origin}, or 0 when unknown
 * @param whole when {@code json} was decoded with a {@link Selection} that left something out
 *     and the whole event may still be needed, rebuilds the whole event object; else null
 */
public record AuditEvent(ObjectNode json, long timeNanos, String origin, long line,
    Supplier<ObjectNode> whole) {
  public AuditEvent {
    Objects.requireNonNull(json);
    Objects.requireNonNull(origin);
  }

  /** An event whose {@code json} is the whole event object. */
  public AuditEvent(ObjectNode json, long timeNanos, String origin, long line) {
    this(json, timeNanos, origin, line, null);
  }

  /** This event with its whole JSON object: itself unless a selection left parts out. */
  public AuditEvent full() {
    return whole == null ? this : new AuditEvent(whole.get(), timeNanos, origin, line);
  }

  /** Top-level member {@code name}, or null. */
  public JsonNode get(String name) {
    return json.get(name);
  }

  /** True when the event has a top-level {@code auditID}; every {@code ka.*} field needs it. */
  public boolean hasAuditId() {
    return json.has("auditID");
  }
}
