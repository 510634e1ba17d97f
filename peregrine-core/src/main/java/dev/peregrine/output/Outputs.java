package dev.peregrine.output;

import dev.peregrine.engine.Alert;
import java.time.Duration;
import java.util.List;

/**
 * Every enabled output, each behind its own queue: an alert handed to {@link #accept} is offered
 * to each of them and the call returns without waiting for any, so one slow or broken output
 * neither delays the engine nor the other outputs.
 */
public final class Outputs implements AlertSink {
  private final List<QueuedSink> sinks;
  private final Duration closeWait;

  /**
   * @param sinks the outputs, already started
   * @param closeWait how long {@link #close()} waits for queued alerts to be delivered
   */
  public Outputs(List<QueuedSink> sinks, Duration closeWait) {
    this.sinks = List.copyOf(sinks);
    this.closeWait = closeWait;
  }

  @Override
  public void accept(Alert alert) {
    for (QueuedSink s : sinks) {
      s.accept(alert);
    }
  }

  /** Waits (at most the close wait, shared by all outputs) until the queues are empty. */
  @Override
  public void flush() {
    long deadline = System.nanoTime() + closeWait.toNanos();
    for (QueuedSink s : sinks) {
      s.flush(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
  }

  /** Reopens files and restarts programs (log rotation; SIGUSR1 in Falco). */
  public void reopen() {
    sinks.forEach(QueuedSink::reopen);
  }

  /** The counters of every output, in configuration order. */
  public List<SinkStats.Snapshot> stats() {
    return sinks.stream().map(s -> s.stats().snapshot()).toList();
  }

  /** Alerts dropped by all outputs together ({@code outputs_queue_num_drops}). */
  public long dropped() {
    return stats().stream().mapToLong(SinkStats.Snapshot::dropped).sum();
  }

  /** The names of the enabled outputs. */
  public List<String> names() {
    return sinks.stream().map(QueuedSink::name).toList();
  }

  /** Delivers what is queued within the close wait, then closes every output. */
  @Override
  public void close() {
    flush();
    for (QueuedSink s : sinks) {
      s.close(Duration.ZERO);
    }
  }
}
