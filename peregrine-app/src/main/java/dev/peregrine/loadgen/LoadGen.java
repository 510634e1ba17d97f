package dev.peregrine.loadgen;

import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Runs a load against a webhook receiver: {@code concurrency} senders take the next batch, send
 * it with {@link Client} (retries included) and record the outcome; meanwhile the receiver's
 * heap is sampled from {@code /metrics} each second. After the last answer it waits for the
 * receiver to evaluate what it accepted and compares the receiver's counters with what was
 * acknowledged.
 */
public final class LoadGen {
  /** Longest wait for the receiver to evaluate what it accepted. */
  static final long DRAIN_WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final LoadSpec spec;
  private final PrintWriter log;
  private final LongSupplier nanoTime;
  private final Client.Sleeper sleeper;

  /**
   * @param log progress messages (stderr of the command)
   * @param nanoTime clock of latencies and of the duration limit
   * @param sleeper waits between attempts
   */
  LoadGen(LoadSpec spec, PrintWriter log, LongSupplier nanoTime, Client.Sleeper sleeper) {
    this.spec = spec;
    this.log = log;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /** A load generator on the system clock. */
  public LoadGen(LoadSpec spec, PrintWriter log) {
    this(spec, log, System::nanoTime, d -> Thread.sleep(d));
  }

  /** Runs the load and returns the report. */
  public LoadReport run() throws Exception {
    Bodies bodies = spec.input() != null
        ? Bodies.file(spec.input(), spec.events(), spec.batch())
        : Bodies.corpus(spec.seed(), spec.pool(), spec.events(), spec.batch());
    Client client = new Client(spec, nanoTime, sleeper);
    HttpClient http = client.http();
    Scrape before = scrape(http);
    HeapSampler heap = new HeapSampler(http, spec.metricsUrl());
    if (before != null) {
      heap.start();
    }
    log.printf("peregrine loadgen: %,d events in batches of %d, concurrency %d -> %s%n",
        spec.events(), spec.batch(), spec.concurrency(), spec.url());
    log.flush();
    long deadline = spec.duration() == null ? Long.MAX_VALUE
        : nanoTime.getAsLong() + spec.duration().toNanos();
    AtomicLong next = new AtomicLong();
    List<Tally> tallies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long t0 = nanoTime.getAsLong();
    for (int i = 0; i < spec.concurrency(); i++) {
      Tally t = new Tally();
      tallies.add(t);
      SplittableRandom rnd = new SplittableRandom(spec.seed() * 31 + i);
      threads.add(Thread.ofPlatform().name("loadgen-" + i)
          .start(() -> sendLoop(client, bodies, next, deadline, t, rnd)));
    }
    for (Thread t : threads) {
      t.join();
    }
    long elapsed = nanoTime.getAsLong() - t0;
    heap.stop();
    Tally all = Tally.merge(tallies);
    for (Throwable e : all.errors) {
      throw new IllegalStateException("a sender failed", e);
    }
    LoadReport.Server server = before == null ? null : check(http, before, all.acked, heap);
    return all.report(elapsed, server);
  }

  private void sendLoop(Client client, Bodies bodies, AtomicLong next, long deadline, Tally t,
      SplittableRandom rnd) {
    try {
      while (nanoTime.getAsLong() < deadline) {
        long k = next.getAndIncrement();
        if (k >= bodies.count()) {
          return;
        }
        int n = bodies.size(k);
        Client.Result r = client.send(bodies.body(k), rnd);
        t.add(n, r);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      t.errors.add(e);
    }
  }

  private Scrape scrape(HttpClient http) {
    if (spec.metricsUrl() == null) {
      return null;
    }
    try {
      return Scrape.fetch(http, spec.metricsUrl());
    } catch (Exception e) {
      log.println("peregrine loadgen: cannot read " + spec.metricsUrl() + " (" + e
          + "); the receiver's counters are not checked");
      return null;
    }
  }

  /** Waits until the receiver evaluated what it accepted, then reads the differences. */
  private LoadReport.Server check(HttpClient http, Scrape before, long acked, HeapSampler heap)
      throws InterruptedException {
    long end = nanoTime.getAsLong() + DRAIN_WAIT_NANOS;
    Scrape after = scrape(http);
    while (after != null && !drained(before, after) && nanoTime.getAsLong() < end) {
      Thread.sleep(100);
      after = scrape(http);
    }
    if (after == null) {
      return null;
    }
    heap.sample(after);
    Double gc = after.series().keySet().stream().anyMatch(k -> k.startsWith(Scrape.AFTER_GC))
        ? after.sum(Scrape.AFTER_GC) : null;
    return new LoadReport.Server(delta(before, after, Scrape.ACCEPTED),
        delta(before, after, Scrape.EVALUATED), delta(before, after, Scrape.DEDUPLICATED),
        heap.max(), gc == null ? -1 : gc.longValue(), drained(before, after));
  }

  static boolean drained(Scrape before, Scrape after) {
    return after.sum(Scrape.QUEUE) == 0 && delta(before, after, Scrape.EVALUATED)
        + delta(before, after, Scrape.DEDUPLICATED) >= delta(before, after, Scrape.ACCEPTED);
  }

  private static long delta(Scrape before, Scrape after, String name) {
    return Math.round(after.sum(name) - before.sum(name));
  }

  /** One sender's counts. */
  static final class Tally {
    long sent;
    long batches;
    long acked;
    long rejected;
    long unacked;
    long failedBatches;
    long retries;
    final Map<Integer, Long> answers = new HashMap<>();
    long[] latencies = new long[64];
    int nLatencies;
    final List<Throwable> errors = new ArrayList<>();

    void add(int events, Client.Result r) {
      sent += events;
      batches++;
      retries += r.retries();
      for (int status : r.statuses()) {
        answers.merge(status, 1L, Long::sum);
      }
      if (r.acknowledged()) {
        acked += r.accepted();
        rejected += r.rejected();
        add(r.ackNanos());
      } else {
        unacked += events;
        failedBatches++;
      }
    }

    static Tally merge(List<Tally> parts) {
      Tally m = new Tally();
      for (Tally t : parts) {
        m.sent += t.sent;
        m.batches += t.batches;
        m.acked += t.acked;
        m.rejected += t.rejected;
        m.unacked += t.unacked;
        m.failedBatches += t.failedBatches;
        m.retries += t.retries;
        t.answers.forEach((k, v) -> m.answers.merge(k, v, Long::sum));
        for (int i = 0; i < t.nLatencies; i++) {
          m.add(t.latencies[i]);
        }
        m.errors.addAll(t.errors);
      }
      return m;
    }

    private void add(long latency) {
      if (nLatencies == latencies.length) {
        latencies = Arrays.copyOf(latencies, nLatencies * 2);
      }
      latencies[nLatencies++] = latency;
    }

    LoadReport report(long elapsed, LoadReport.Server server) {
      long[] l = Arrays.copyOf(latencies, nLatencies);
      Arrays.sort(l);
      double[] ms = {pct(l, 0.50), pct(l, 0.90), pct(l, 0.99), pct(l, 1.0)};
      return new LoadReport(sent, batches, acked, rejected, unacked, failedBatches, retries,
          Map.copyOf(answers), elapsed, ms, server);
    }

    static double pct(long[] sorted, double p) {
      if (sorted.length == 0) {
        return 0;
      }
      int i = (int) Math.ceil(p * sorted.length) - 1;
      return sorted[Math.max(0, i)] / 1e6;
    }
  }
}
