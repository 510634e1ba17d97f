package dev.peregrine.output;

import dev.peregrine.engine.Alert;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link Channel} on its own thread behind a bounded queue. {@link #accept} never waits
 * for the channel: when the queue is full the alert is dropped and counted (Falco's {@code
 * outputs_queue_num_drops}), and drops are logged at most once per interval. The {@link
 * Overflow#BLOCK} policy instead makes the caller wait, for replays that must print every alert.
 */
public final class QueuedSink implements AlertSink {
  /** Default queue bound per output, in alerts. */
  public static final int DEFAULT_CAPACITY = 10_000;
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final Duration DEFAULT_FLUSH_WAIT = Duration.ofSeconds(5);

  /** What {@link #accept} does when the queue is full. */
  public enum Overflow {
    /** Drop the alert and count it. */
    DROP,
    /** Wait for room (replay's stdout). */
    BLOCK
  }

  /**
   * How a queued output behaves.
   *
   * @param capacity queue bound in alerts (at least 1)
   * @param overflow full-queue policy
   * @param buffered flush the channel only when the queue runs empty, not after every alert
   */
  public record Options(int capacity, Overflow overflow, boolean buffered) {
    public Options {
      if (capacity < 1) {
        throw new IllegalArgumentException("queue capacity must be at least 1: " + capacity);
      }
    }

    /** Bounded queue of {@link #DEFAULT_CAPACITY}, drop when full, flush after each alert. */
    public static Options defaults() {
      return new Options(DEFAULT_CAPACITY, Overflow.DROP, false);
    }
  }

  private final Channel channel;
  private final Options options;
  private final BlockingQueue<Alert> queue;
  private final SinkStats stats;
  private final RateLimitedLog dropLog;
  private final RateLimitedLog failLog;
  private final Object idle = new Object();
  private final Thread worker;
  private long pending;
  private volatile boolean closed;

  /** Starts the worker thread for {@code channel}, with fresh counters. */
  public QueuedSink(Channel channel, Options options, OutputLog log, Ticker ticker) {
    this(channel, options, new SinkStats(channel.name()), log, ticker);
  }

  /** Starts the worker thread for {@code channel}, counting into {@code stats}. */
  public QueuedSink(Channel channel, Options options, SinkStats stats, OutputLog log,
      Ticker ticker) {
    this.channel = channel;
    this.options = options;
    this.queue = new ArrayBlockingQueue<>(options.capacity());
    this.stats = stats;
    this.dropLog = new RateLimitedLog(log, ticker, LOG_INTERVAL_NANOS);
    this.failLog = new RateLimitedLog(log, ticker, LOG_INTERVAL_NANOS);
    this.worker = Thread.ofPlatform().daemon().name("peregrine-output-" + channel.name())
        .unstarted(this::run);
    worker.start();
  }

  /** This output's counters. */
  public SinkStats stats() {
    return stats;
  }

  /** The channel's name. */
  public String name() {
    return channel.name();
  }

  @Override
  public void accept(Alert alert) {
    synchronized (idle) {
      pending++;
    }
    boolean queued = !closed && (options.overflow() == Overflow.BLOCK ? put(alert)
        : queue.offer(alert));
    if (!queued) {
      done();
      long n = stats.dropped(1);
      dropLog.report("output " + name() + ": " + (closed ? "closed" : "queue full (capacity "
          + options.capacity() + ")") + ", alert dropped; " + n + " dropped so far");
    }
  }

  private boolean put(Alert alert) {
    try {
      queue.put(alert);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Asks the channel to reopen its file or restart its program before the next alert. */
  public void reopen() {
    channel.reopen();
  }

  /** Waits until every queued alert has been handled, at most five seconds. */
  @Override
  public void flush() {
    flush(DEFAULT_FLUSH_WAIT);
  }

  /** Waits until every queued alert has been handled, at most {@code wait}; true if drained. */
  public boolean flush(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (idle) {
      while (pending > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(idle, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public void close() {
    close(DEFAULT_FLUSH_WAIT);
  }

  /**
   * Delivers what is queued within {@code wait}, then stops the worker; alerts still queued are
   * counted as dropped. Returns the number dropped this way.
   */
  public long close(Duration wait) {
    flush(wait);
    closed = true;
    worker.interrupt();
    try {
      worker.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long left = queue.size();
    queue.clear();
    if (left > 0) {
      stats.dropped(left);
      dropLog.report("output " + name() + ": closed with " + left + " alerts undelivered");
    }
    try {
      channel.close();
    } catch (Exception e) {
      failLog.report("output " + name() + ": close failed: " + e.getMessage());
    }
    return left;
  }

  private void run() {
    try {
      while (!closed) {
        Alert a = queue.poll();
        if (a == null) {
          flushChannel();
          a = queue.take();
        }
        deliver(a);
      }
    } catch (InterruptedException e) {
      flushChannel();
    }
  }

  private void deliver(Alert a) throws InterruptedException {
    try {
      channel.write(a);
      if (!options.buffered()) {
        channel.flush();
      }
      stats.delivered();
    } catch (InterruptedException e) {
      stats.failed();
      throw e;
    } catch (Exception e) {
      long n = stats.failed();
      failLog.report("output " + name() + ": alert not delivered: " + message(e) + "; " + n
          + " failed so far");
    } finally {
      done();
    }
  }

  private void flushChannel() {
    try {
      channel.flush();
    } catch (Exception e) {
      failLog.report("output " + name() + ": flush failed: " + message(e));
    }
  }

  private void done() {
    synchronized (idle) {
      if (--pending == 0) {
        idle.notifyAll();
      }
    }
  }

  static String message(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
