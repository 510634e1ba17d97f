package dev.peregrine.metrics;

import dev.peregrine.engine.Alert;
import dev.peregrine.engine.Engine;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The metrics of {@code peregrine serve}, exposed in the Prometheus text format.
 *
 * <p>Falco's names are used where Falco has the metric ({@code falcosecurity_falco_*}); the
 * receiver's own metrics are prefixed {@code peregrine_}. All methods are thread-safe.
 */
public final class ServeMetrics {
  /** HELP text Falco puts on each of its metrics. */
  static final String FALCO_HELP = "https://falco.org/docs/metrics/";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final RuleMatches matches = new RuleMatches(Engine.SOURCE);
  private volatile LongSupplier drops = () -> 0;
  private final Counter received;
  private final Counter accepted;
  private final Counter rejected;
  private final Counter deduplicated;
  private final Counter evaluated;
  private final Counter refused;
  private final Counter requests;
  private final Counter spoolReplayed;
  private final Counter skipped;
  private final Histogram latency;
  private final Histogram ackLatency;

  /**
   * @param version Peregrine's version, for {@code falcosecurity_falco_version_info}
   * @param queueDepth current number of events waiting for the engine
   * @param queueCapacity the ingest queue's capacity in events
   */
  public ServeMetrics(String version, LongSupplier queueDepth, long queueCapacity) {
    GaugeWithCallback.builder().name("falcosecurity_falco_version_info").help(FALCO_HELP)
        .labelNames("version").callback(cb -> cb.call(1, version)).register(registry);
    registry.register(matches);
    CounterWithCallback.builder().name("falcosecurity_falco_outputs_queue_num_drops")
        .help(FALCO_HELP).callback(cb -> cb.call(drops.getAsLong())).register(registry);
    received = counter("peregrine_events_received",
        "Audit events found in webhook request bodies.");
    accepted = counter("peregrine_events_accepted",
        "Audit events accepted for evaluation (answered 2xx).");
    rejected = Counter.builder().name("peregrine_events_rejected")
        .help("Records rejected as not being valid audit events, by reason.")
        .labelNames("reason").register(registry);
    deduplicated = counter("peregrine_events_deduplicated",
        "Events skipped because an event with the same auditID and stage was just evaluated.");
    evaluated = counter("peregrine_events_evaluated", "Events evaluated by the rules engine.");
    refused = Counter.builder().name("peregrine_events_refused")
        .help("Events in batches refused with 429/503 (the sender retries them), by reason.")
        .labelNames("reason").register(registry);
    requests = Counter.builder().name("peregrine_webhook_requests")
        .help("Webhook requests answered, by HTTP status code.")
        .labelNames("code").register(registry);
    spoolReplayed = counter("peregrine_spool_replayed_events",
        "Events read back from the spool after a restart.");
    GaugeWithCallback.builder().name("peregrine_queue_depth")
        .help("Events accepted and waiting for the engine.")
        .callback(cb -> cb.call(queueDepth.getAsLong())).register(registry);
    GaugeWithCallback.builder().name("peregrine_queue_capacity")
        .help("Capacity of the ingest queue in events.")
        .callback(cb -> cb.call(queueCapacity)).register(registry);
    skipped = counter("peregrine_records_skipped",
        "Managed-cluster envelope records passed over on purpose (other log categories,"
        + " services or streams).");
    JvmMetrics.register(registry);
    double[] buckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
        5, 10};
    latency = Histogram.builder().name("peregrine_event_latency_seconds")
        .help("Time from a batch's arrival to the end of its evaluation (end to end).")
        .classicOnly().classicUpperBounds(buckets).register(registry);
    ackLatency = Histogram.builder().name("peregrine_webhook_ack_seconds")
        .help("Time from a batch's arrival to its answer.")
        .classicOnly().classicUpperBounds(buckets).register(registry);
  }

  private Counter counter(String name, String help) {
    return Counter.builder().name(name).help(help).register(registry);
  }

  /** Counts one alert under its rule, priority and tags. */
  public void alert(Alert a) {
    matches.add(a);
  }

  /**
   * Where {@code falcosecurity_falco_outputs_queue_num_drops_total} comes from: the outputs'
   * running count of alerts they could not deliver, read at each scrape.
   */
  public void outputDrops(LongSupplier dropped) {
    this.drops = dropped;
  }

  /** Counts events seen in a request body, valid or not. */
  public void received(long n) {
    received.inc(n);
  }

  /** Counts events answered with 2xx. */
  public void accepted(long n) {
    accepted.inc(n);
  }

  /** Counts rejected records under {@code reason}. */
  public void rejected(String reason, long n) {
    rejected.labelValues(reason).inc(n);
  }

  /** Counts envelope records passed over on purpose. */
  public void skipped(long n) {
    if (n > 0) {
      skipped.inc(n);
    }
  }

  /** Counts events skipped as duplicates. */
  public void deduplicated(long n) {
    deduplicated.inc(n);
  }

  /** Counts events evaluated by the engine. */
  public void evaluated(long n) {
    evaluated.inc(n);
  }

  /** Counts events in a refused (429/503) batch. */
  public void refused(String reason, long n) {
    refused.labelValues(reason).inc(n);
  }

  /** Counts one answered webhook request. */
  public void request(int code) {
    requests.labelValues(Integer.toString(code)).inc();
  }

  /** Counts events replayed from the spool. */
  public void replayed(long n) {
    spoolReplayed.inc(n);
  }

  /** Records the end-to-end latency of one batch. */
  public void latency(double seconds) {
    latency.observe(seconds);
  }

  /** Records the time to answer one batch. */
  public void ackLatency(double seconds) {
    ackLatency.observe(seconds);
  }

  /** Current value of a counter or gauge without labels, for tests and the load generator. */
  public double value(String name) {
    return registry.scrape(n -> n.equals(name)).stream()
        .flatMap(s -> s.getDataPoints().stream())
        .mapToDouble(ServeMetrics::pointValue).sum();
  }

  private static double pointValue(Object p) {
    return switch (p) {
      case io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot c ->
          c.getValue();
      case io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot g ->
          g.getValue();
      default -> 0;
    };
  }

  /** The content type of {@link #write}. */
  public String contentType() {
    return writer.getContentType();
  }

  /** Writes every metric in the Prometheus text format. */
  public void write(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }

  /** Rule names with at least one match, for tests. */
  public List<String> matchedRules() {
    return matches.ruleNames();
  }
}
