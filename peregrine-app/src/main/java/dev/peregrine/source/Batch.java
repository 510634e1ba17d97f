package dev.peregrine.source;

import dev.peregrine.event.AuditEvent;
import java.util.List;

/**
 * The events of one accepted request, in body order.
 *
 * @param seq the batch's spool sequence number, or {@link #NOT_SPOOLED}
 * @param events the valid events of the request
 * @param arrivalNanos {@link System#nanoTime()}-style time the request arrived
 */
record Batch(long seq, List<AuditEvent> events, long arrivalNanos) {
  static final long NOT_SPOOLED = -1;

  Batch {
    events = List.copyOf(events);
  }
}
