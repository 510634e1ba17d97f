package dev.peregrine.source;

import dev.peregrine.engine.Alert;
import dev.peregrine.engine.Engine;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.metrics.ServeMetrics;
import dev.peregrine.output.AlertSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine workers: they take batches from the queue, skip duplicates, evaluate each event,
 * hand alerts to the sink, flush it, and only then report the batch as done (which lets the
 * spool checkpoint move past it).
 */
final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final Engine engine;
  private final AlertSink sink;
  private final ServeMetrics metrics;
  private final IngestQueue queue;
  private final Dedup dedup;
  private final LongConsumer done;
  private final LongSupplier nanoTime;
  private final Function<AuditEvent, Optional<AuditEvent>> policy;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopping;

  /**
   * @param done called with each finished batch's spool sequence number
   * @param policy the audit policy applied before the rules (drop, or the event as the policy
   *     would have recorded it)
   */
  Pipeline(Engine engine, AlertSink sink, ServeMetrics metrics, IngestQueue queue, Dedup dedup,
      LongConsumer done, LongSupplier nanoTime, Function<AuditEvent, Optional<AuditEvent>> policy) {
    this.policy = policy;
    this.engine = engine;
    this.sink = sink;
    this.metrics = metrics;
    this.queue = queue;
    this.dedup = dedup;
    this.done = done;
    this.nanoTime = nanoTime;
  }

  void start(int workers) {
    for (int i = 0; i < workers; i++) {
      Thread t = Thread.ofPlatform().name("peregrine-engine-" + i).start(this::loop);
      threads.add(t);
    }
  }

  /** Evaluates one batch on the calling thread (replay at start-up, and the workers). */
  void process(Batch b) {
    long evaluated = 0;
    long duplicates = 0;
    for (AuditEvent e : b.events()) {
      if (!dedup.first(e)) {
        duplicates++;
        continue;
      }
      Optional<AuditEvent> kept = policy.apply(e);
      if (kept.isEmpty()) {
        continue;
      }
      evaluated++;
      try {
        for (Alert a : engine.process(kept.get())) {
          metrics.alert(a);
          sink.accept(a);
        }
      } catch (RuntimeException ex) {
        LOG.error("engine failed on event {} line {}", e.origin(), e.line(), ex);
      }
    }
    if (b.seq() != Batch.NOT_SPOOLED) {
      // the spool may forget the batch once done: its alerts must be out first
      sink.flush();
    }
    metrics.evaluated(evaluated);
    metrics.deduplicated(duplicates);
    metrics.latency((nanoTime.getAsLong() - b.arrivalNanos()) / 1e9);
    done.accept(b.seq());
  }

  private void loop() {
    while (true) {
      Batch b;
      try {
        b = queue.poll(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (b == null) {
        if (stopping && queue.isEmpty()) {
          return;
        }
        continue;
      }
      try {
        process(b);
      } finally {
        queue.release(b.events().size());
      }
    }
  }

  /** Lets the workers finish what is queued, then returns; false if they did not in time. */
  boolean drain(long timeoutMillis) throws InterruptedException {
    stopping = true;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Thread t : threads) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      t.join(Math.max(1, left));
      if (t.isAlive()) {
        return false;
      }
    }
    return true;
  }
}
