package dev.peregrine.cli;

import dev.peregrine.event.Json;
import dev.peregrine.loadgen.LoadGen;
import dev.peregrine.loadgen.LoadReport;
import dev.peregrine.loadgen.LoadSpec;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code peregrine loadgen}: sends audit batches to a webhook receiver the way kube-apiserver's
 * batch webhook client does and reports throughput, ack latency, retries, rejects, and whether
 * the receiver evaluated every event it acknowledged.
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
    description = {"Load a webhook receiver like kube-apiserver's batch audit webhook: EventLists"
        + " of up to --batch events, --concurrency in flight, retries with backoff on 429/5xx"
        + " and connection errors (honouring Retry-After).",
        "Reports events/s, ack latency p50/p90/p99, retries and rejects; then reads the"
        + " receiver's /metrics and checks acknowledged == accepted == evaluated."
        + " Exit status 0 only when every event was acknowledged and the check holds."})
final class LoadGenCommand implements Callable<Integer> {

  @Option(names = "--url", required = true, paramLabel = "URL",
      description = "Audit endpoint, e.g. http://127.0.0.1:8765/k8s-audit.")
  URI url;

  @Option(names = "--events", paramLabel = "N",
      description = "Events to send (default 200000, or unlimited with --duration).")
  Long events;

  @Option(names = "--batch", paramLabel = "N",
      description = "Events per batch (default ${DEFAULT-VALUE}, the apiserver's default).")
  int batch = LoadSpec.DEFAULT_BATCH;

  @Option(names = "--concurrency", paramLabel = "N",
      description = "Batches in flight (default ${DEFAULT-VALUE}).")
  int concurrency = 4;

  @Option(names = "--duration", paramLabel = "D",
      description = "Stop after this long (e.g. 30s, 2m, 500ms).")
  String duration;

  @Option(names = "--seed", paramLabel = "S", description = "Corpus seed (default ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--pool", paramLabel = "N",
      description = "Distinct corpus events, cycled with fresh auditIDs (default ${DEFAULT-VALUE}).")
  int pool = LoadSpec.DEFAULT_POOL;

  @Option(names = "--input", paramLabel = "FILE",
      description = "Send the events of FILE (Events, EventLists, arrays) instead of the corpus.")
  Path input;

  @Option(names = "--ca", paramLabel = "FILE", description = "Trust these PEM CA certificates.")
  Path ca;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "Send the first token of FILE as 'Authorization: Bearer'.")
  Path tokenFile;

  @Option(names = "--metrics-url", paramLabel = "URL",
      description = "The receiver's metrics (default: /metrics on the --url host); 'none' skips"
          + " the check.")
  String metricsUrl;

  @Option(names = "--max-attempts", paramLabel = "N",
      description = "Attempts per batch (default ${DEFAULT-VALUE}, as the apiserver).")
  int maxAttempts = 5;

  @Option(names = "--backoff", paramLabel = "D",
      description = "First retry delay, then 1.5x per attempt (default ${DEFAULT-VALUE};"
          + " the apiserver waits 10s).")
  String backoff = "100ms";

  @Option(names = "--timeout", paramLabel = "D",
      description = "Longest wait for one answer (default ${DEFAULT-VALUE}).")
  String timeout = "30s";

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoadSpec load;
    try {
      load = spec();
    } catch (IllegalArgumentException e) {
      err.println("peregrine: " + e.getMessage());
      err.flush();
      return Main.EXIT_USAGE;
    }
    LoadReport report = new LoadGen(load, err).run();
    if (json) {
      out.println(Json.mapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(report.json()));
    } else {
      out.print(report.text());
    }
    out.flush();
    boolean checked = load.metricsUrl() == null || report.verified();
    return report.unacknowledged() == 0 && checked ? 0 : 1;
  }

  LoadSpec spec() {
    if (url.getScheme() == null || !url.getScheme().matches("https?")) {
      throw new IllegalArgumentException("--url must be http:// or https://");
    }
    Duration limit = duration == null ? null : duration("--duration", duration);
    long n = events != null ? events : limit != null ? Long.MAX_VALUE / 2 : 200_000;
    URI metrics = metricsUrl == null ? LoadSpec.metricsOf(url)
        : metricsUrl.equals("none") ? null : URI.create(metricsUrl);
    return new LoadSpec(url, n, batch, concurrency, limit, seed, pool, input, ca, tokenFile,
        metrics, maxAttempts, duration("--backoff", backoff), duration("--timeout", timeout));
  }

  /** {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, or a number of seconds. */
  static Duration duration(String option, String text) {
    Duration d = ConfigFile.parseDuration(text.toLowerCase(Locale.ROOT));
    if (d == null) {
      throw new IllegalArgumentException(option + ": expected a duration such as 30s, 500ms or"
          + " 2m, got '" + text + "'");
    }
    return d;
  }
}
