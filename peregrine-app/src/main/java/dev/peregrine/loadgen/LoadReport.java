package dev.peregrine.loadgen;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a load run.
 *
 * @param sent events in the batches the run sent
 * @param batches batches sent
 * @param acked events the receiver acknowledged (2xx)
 * @param rejected items the receiver acknowledged but reported as not events
 * @param unacknowledged events in batches that were never acknowledged
 * @param failedBatches batches that were never acknowledged
 * @param retries attempts after the first, over all batches
 * @param answers the status of every attempt, counted by code (0: no answer)
 * @param elapsedNanos from the first request to the last answer
 * @param ackMillis ack latency of 2xx answers: p50, p90, p99, max (milliseconds)
 * @param server the receiver's own counters, or null when they were not read
 */
public record LoadReport(long sent, long batches, long acked, long rejected, long unacknowledged,
    long failedBatches, long retries, Map<Integer, Long> answers, long elapsedNanos,
    double[] ackMillis, Server server) {
  /**
   * The receiver's view, from {@code /metrics} before and after the run (differences).
   *
   * @param accepted {@code peregrine_events_accepted_total}
   * @param evaluated {@code peregrine_events_evaluated_total}
   * @param deduplicated {@code peregrine_events_deduplicated_total}
   * @param heapMaxBytes highest {@code jvm_memory_used_bytes{area="heap"}} seen (scraped each
   *     second during the run), or -1
   * @param heapAfterGcBytes heap used after the last collection of each pool at the end
   *     ({@code jvm_memory_pool_collection_used_bytes} summed), or -1
   * @param drained true when the queue emptied and every accepted event was evaluated or
   *     de-duplicated before the wait ran out
   */
  public record Server(long accepted, long evaluated, long deduplicated, long heapMaxBytes,
      long heapAfterGcBytes, boolean drained) {}

  /** Acknowledged events per second of the run. */
  public double eventsPerSecond() {
    return elapsedNanos == 0 ? 0 : acked * 1e9 / elapsedNanos;
  }

  /**
   * True when every event sent was acknowledged, and the receiver counted exactly those as
   * accepted and evaluated (or de-duplicated, for a batch re-sent after a lost answer).
   */
  public boolean verified() {
    return unacknowledged == 0 && server != null && server.drained()
        && server.accepted() == acked && server.evaluated() + server.deduplicated() == acked;
  }

  /** The report for people. */
  public String text() {
    StringBuilder b = new StringBuilder();
    line(b, "sent", "%,d events in %,d batches, %.1f s", sent, batches, elapsedNanos / 1e9);
    line(b, "acked", "%,d events, %,.0f events/s", acked, eventsPerSecond());
    line(b, "rejected", "%,d items; unacknowledged %,d events in %,d batches", rejected,
        unacknowledged, failedBatches);
    line(b, "retries", "%,d", retries);
    line(b, "answers", "%s", new TreeMap<>(answers));
    line(b, "ack latency", "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", ackMillis[0],
        ackMillis[1], ackMillis[2], ackMillis[3]);
    if (server == null) {
      line(b, "server", "not checked");
    } else {
      line(b, "server", "accepted %,d, evaluated %,d, deduplicated %,d%s", server.accepted(),
          server.evaluated(), server.deduplicated(), server.drained() ? "" : " (not drained)");
      line(b, "server heap", "max used %s, after last GC %s", mib(server.heapMaxBytes()),
          mib(server.heapAfterGcBytes()));
    }
    line(b, "verified", "%s", !verified() ? "NO"
        : server.deduplicated() == 0 ? "yes: acknowledged == accepted == evaluated"
        : "yes: acknowledged == accepted == evaluated + deduplicated");
    return b.toString();
  }

  /** The report as JSON members. */
  public Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sent", sent);
    m.put("batches", batches);
    m.put("acked", acked);
    m.put("events_per_second", Math.round(eventsPerSecond()));
    m.put("rejected", rejected);
    m.put("unacknowledged", unacknowledged);
    m.put("failed_batches", failedBatches);
    m.put("retries", retries);
    Map<String, Long> a = new TreeMap<>();
    answers.forEach((k, v) -> a.put(Integer.toString(k), v));
    m.put("answers", a);
    m.put("elapsed_seconds", elapsedNanos / 1e9);
    m.put("ack_ms", Map.of("p50", ackMillis[0], "p90", ackMillis[1], "p99", ackMillis[2],
        "max", ackMillis[3]));
    m.put("server", server);
    m.put("verified", verified());
    return m;
  }

  private static void line(StringBuilder b, String label, String format, Object... args) {
    b.append(String.format(Locale.ROOT, "%-12s ", label))
        .append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }
}
