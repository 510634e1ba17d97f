package dev.peregrine.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One Kubernetes audit event as the engine sees it: the event's JSON object (key order as
 * received), its time ({@code stageTimestamp} in nanoseconds since the epoch) and where it was read.
 *
 * <p>A value class with the accessors, equality and text of a record over its five components.
 * It is not a record only because it remembers, once asked, whether the event has an {@code
 * auditID} ({@link #hasAuditId()}), which every {@code ka.*} field read asks.
 */
public final class AuditEvent {
  /** {@link #auditId} before the event was asked. */
  private static final byte UNKNOWN = 0;
  private static final byte PRESENT = 1;
  private static final byte MISSING = 2;

  private final ObjectNode json;
  private final long timeNanos;
  private final String origin;
  private final long line;
  private final Supplier<ObjectNode> whole;
  /**
   * Whether {@code json} has a top-level {@code auditID}, once asked. Threads that race compute
   * the same answer from a tree that is never changed, and a byte is written whole, so no
   * synchronisation is needed.
   */
  private byte auditId;

  /**
   * @param json the event object; never mutated after decoding
   * @param timeNanos {@code stageTimestamp} as ns since the epoch
   * @param origin where the event came from (file name, {@code -}, {@code webhook})
   * @param line 1-based line of the event's first byte in {@code origin}, or 0 when unknown
   * @param whole when {@code json} was decoded with a {@link Selection} that left something out
   *     and the whole event may still be needed, rebuilds the whole event object; else null
   */
  public AuditEvent(ObjectNode json, long timeNanos, String origin, long line,
      Supplier<ObjectNode> whole) {
    this.json = Objects.requireNonNull(json);
    this.timeNanos = timeNanos;
    this.origin = Objects.requireNonNull(origin);
    this.line = line;
    this.whole = whole;
  }

  /** An event whose {@code json} is the whole event object. */
  public AuditEvent(ObjectNode json, long timeNanos, String origin, long line) {
    this(json, timeNanos, origin, line, null);
  }

  /** The event object; never mutated after decoding. */
  public ObjectNode json() {
    return json;
  }

  /** {@code stageTimestamp} as ns since the epoch. */
  public long timeNanos() {
    return timeNanos;
  }

  /** Where the event came from (file name, {@code -}, {@code webhook}). */
  public String origin() {
    return origin;
  }

  /** 1-based line of the event's first byte in {@link #origin()}, or 0 when unknown. */
  public long line() {
    return line;
  }

  /** Rebuilds the whole event object when a selection left parts out; else null. */
  public Supplier<ObjectNode> whole() {
    return whole;
  }

  /** This event with its whole JSON object: itself unless a selection left parts out. */
  public AuditEvent full() {
    return whole == null ? this : new AuditEvent(whole.get(), timeNanos, origin, line);
  }

  /** Top-level member {@code name}, or null. */
  public JsonNode get(String name) {
    return json.get(name);
  }

  /**
   * True when the event has a top-level {@code auditID}; every {@code ka.*} field needs it. The
   * member is looked up once per event.
   */
  public boolean hasAuditId() {
    byte known = auditId;
    if (known == UNKNOWN) {
      known = json.has("auditID") ? PRESENT : MISSING;
      auditId = known;
    }
    return known == PRESENT;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditEvent e && json.equals(e.json) && timeNanos == e.timeNanos
        && origin.equals(e.origin) && line == e.line && Objects.equals(whole, e.whole);
  }

  @Override
  public int hashCode() {
    return Objects.hash(json, timeNanos, origin, line, whole);
  }

  @Override
  public String toString() {
    return "AuditEvent[json=" + json + ", timeNanos=" + timeNanos + ", origin=" + origin
        + ", line=" + line + ", whole=" + whole + "]";
  }
}
