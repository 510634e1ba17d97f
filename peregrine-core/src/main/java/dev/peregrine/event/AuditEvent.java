package dev.peregrine.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One Kubernetes audit event as the engine sees it: the event's JSON object (key order as
 * received), its time ({@code stageTimestamp} in nanoseconds since the epoch) and where it was read.
 *
 * @param json the event object; never mutated after decoding
 * @param timeNanos {@code stageTimestamp} as ns since the epoch
 * @param origin where the event came from (file name, {@code -}, {@code webhook})
 * @param line 1-based line of the event's first byte in {@code origin}, or 0 when unknown
 */
public record AuditEvent(ObjectNode json, long timeNanos, String origin, long line) {
  public AuditEvent {
    Objects.requireNonNull(json);
    Objects.requireNonNull(origin);
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
