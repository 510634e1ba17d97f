package dev.peregrine.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the bench measured: one row per workload, the two cost curves, and the corpus and machine.
 *
 * @param sizes corpus event sizes
 * @param machine processors, memory, JVM
 * @param config what was run
 * @param rows one per workload, (a) first
 * @param bySize nanoseconds per event against median event size (KB) per size bucket
 * @param byRules nanoseconds per event against the number of rules
 */
public record BenchReport(Corpus.Sizes sizes, Map<String, String> machine, Bench.Config config,
    List<Row> rows, List<Point> bySize, List<Point> byRules) {

  /**
   * One workload's result.
   *
   * @param ratio throughput relative to (a), the stream-skip limit (1.0 = as fast)
   * @param checksum events (a-c: tokens, trees, events) or alerts (d-f)
   */
  public record Row(String id, String name, long events, long bytes, long nanos,
      double eventsPerSec, double mbPerSec, double allocPerEvent, double ratio, long checksum) {
    static Row of(String id, String name, long events, long bytes, Measure.Timing t,
        long skipNanos) {
      double s = t.nanos() / 1e9;
      return new Row(id, name, events, bytes, t.nanos(), events / s, bytes / s / 1e6,
          (double) t.allocated() / events, (double) skipNanos / t.nanos(), t.checksum());
    }

    /** This row with its ratio to a stream-skip pass of {@code skipNanos}. */
    Row relativeTo(long skipNanos) {
      return new Row(id, name, events, bytes, nanos, eventsPerSec, mbPerSec, allocPerEvent,
          (double) skipNanos / nanos, checksum);
    }
  }

  /** One point of a curve. */
  public record Point(String series, double x, double nsPerEvent) {}

  static Map<String, String> describeMachine() {
    Map<String, String> m = new LinkedHashMap<>();
    Runtime rt = Runtime.getRuntime();
    m.put("processors", Integer.toString(rt.availableProcessors()));
    m.put("maxHeapMB", Long.toString(rt.maxMemory() >> 20));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    return m;
  }

  /** The row with this id, or null. */
  public Row row(String id) {
    return rows.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
  }

  /** A plain-text table. */
  public void print(PrintWriter out) {
    out.printf(Locale.ROOT, "corpus: %d events, %.1f MB, median %d B, p95 %d B, max %d B%n",
        sizes.count(), sizes.total() / 1e6, sizes.median(), sizes.p95(), sizes.max());
    out.printf(Locale.ROOT, "machine: %s%n", machine);
    out.printf(Locale.ROOT, "%-4s %-44s %12s %9s %12s %8s %8s%n", "", "workload", "events/s",
        "MB/s", "alloc B/ev", "vs (a)", "check");
    for (Row r : rows) {
      out.printf(Locale.ROOT, "%-4s %-44s %12.0f %9.1f %12.0f %7.0f%% %8d%n", r.id(), r.name(),
          r.eventsPerSec(), r.mbPerSec(), r.allocPerEvent(), r.ratio() * 100, r.checksum());
    }
    out.flush();
  }

  /** The report as JSON. */
  public ObjectNode toJson() {
    ObjectNode o = Json.mapper().createObjectNode();
    ObjectNode c = o.putObject("corpus");
    c.put("events", sizes.count()).put("bytes", sizes.total()).put("seed", config.seed())
        .put("medianBytes", sizes.median()).put("p95Bytes", sizes.p95())
        .put("maxBytes", sizes.max());
    ObjectNode m = o.putObject("machine");
    machine.forEach(m::put);
    o.putObject("method").put("warmup", config.warmup())
        .put("warmupSeconds", config.warmupSeconds()).put("runs", config.runs())
        .put("statistic", "fastest pass");
    ArrayNode rs = o.putArray("results");
    for (Row r : rows) {
      rs.addObject().put("id", r.id()).put("name", r.name()).put("events", r.events())
          .put("bytes", r.bytes()).put("nanos", r.nanos()).put("eventsPerSec", r.eventsPerSec())
          .put("mbPerSec", r.mbPerSec()).put("allocBytesPerEvent", r.allocPerEvent())
          .put("ratioToStreamSkip", r.ratio()).put("checksum", r.checksum());
    }
    points(o.putArray("costBySizeKB"), bySize);
    points(o.putArray("costByRuleCount"), byRules);
    return o;
  }

  private static void points(ArrayNode a, List<Point> ps) {
    for (Point p : ps) {
      a.addObject().put("series", p.series()).put("x", p.x()).put("nsPerEvent", p.nsPerEvent());
    }
  }
}
