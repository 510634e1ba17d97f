package dev.peregrine.source;

import dev.peregrine.event.AuditEvent;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission of a parsed batch: room in the queue is reserved first, then (with a spool) the body
 * is appended and fsynced, then the batch is queued. Only {@link Outcome#ACCEPTED} may be
 * answered 2xx; every other outcome leaves no trace the sender would have to rely on.
 */
final class Ingest {
  private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

  /** Result of {@link #admit}. */
  enum Outcome { ACCEPTED, QUEUE_FULL, SPOOL_FULL, SPOOL_FAILED, STOPPING }

  private final IngestQueue queue;
  private final Spool spool;
  private volatile boolean stopping;

  /** @param spool the spool, or null to keep accepted batches in memory only */
  Ingest(IngestQueue queue, Spool spool) {
    this.queue = queue;
    this.spool = spool;
  }

  /** Refuses every later batch with {@link Outcome#STOPPING}. */
  void stop() {
    stopping = true;
  }

  boolean stopping() {
    return stopping;
  }

  Outcome admit(byte[] body, List<AuditEvent> events, long arrivalNanos) {
    if (stopping) {
      return Outcome.STOPPING;
    }
    if (events.isEmpty()) {
      return Outcome.ACCEPTED;
    }
    int n = events.size();
    try {
      if (!queue.reserve(n, Limits.QUEUE_WAIT_MILLIS)) {
        return Outcome.QUEUE_FULL;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.STOPPING;
    }
    long seq = Batch.NOT_SPOOLED;
    if (spool != null) {
      try {
        seq = spool.append(body);
      } catch (Spool.Full e) {
        queue.release(n);
        return Outcome.SPOOL_FULL;
      } catch (IOException e) {
        LOG.error("spool append failed", e);
        queue.release(n);
        return Outcome.SPOOL_FAILED;
      }
      try {
        spool.sync(seq);
      } catch (IOException e) {
        LOG.error("spool fsync failed", e);
        queue.release(n);
        spool.done(seq);
        return Outcome.SPOOL_FAILED;
      }
    }
    queue.put(new Batch(seq, events, arrivalNanos));
    return Outcome.ACCEPTED;
  }
}
