package dev.peregrine.loadgen;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What one load run sends and how.
 *
 * @param url the audit endpoint, such as {@code http://127.0.0.1:8765/k8s-audit}
 * @param events events to send; with a {@code duration} the run stops at whichever comes first
 * @param batch events per EventList (the apiserver's {@code --audit-webhook-batch-max-size},
 *     400 by default)
 * @param concurrency batches in flight at once
 * @param duration longest run, or null for no time limit
 * @param seed corpus seed (ignored with {@code input})
 * @param pool distinct events generated and cycled through (auditIDs are re-stamped on each
 *     cycle so that the receiver's de-duplication does not skip them)
 * @param input file of events to send instead of the corpus, or null
 * @param ca PEM file of CA certificates to trust for https, or null for the JDK's defaults
 * @param tokenFile file whose first token is sent as {@code Authorization: Bearer}, or null
 * @param metricsUrl the receiver's Prometheus endpoint, or null to skip the server check
 * @param maxAttempts attempts per batch (the apiserver makes 5)
 * @param backoff first retry delay, growing 1.5x per attempt with 20 % jitter (the apiserver's
 *     {@code --audit-webhook-initial-backoff} is 10 s)
 * @param timeout longest wait for one answer
 */
public record LoadSpec(URI url, long events, int batch, int concurrency, Duration duration,
    long seed, int pool, Path input, Path ca, Path tokenFile, URI metricsUrl, int maxAttempts,
    Duration backoff, Duration timeout) {
  /** The apiserver's default batch size. */
  public static final int DEFAULT_BATCH = 400;
  /** Default number of distinct generated events. */
  public static final int DEFAULT_POOL = 20_000;

  /** Checks the numbers. */
  public LoadSpec {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(timeout, "timeout");
    if (events < 1 || batch < 1 || concurrency < 1 || pool < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "--events, --batch, --concurrency, --pool and --max-attempts must be at least 1");
    }
  }

  /** The receiver's {@code /metrics} on the same host and port as {@code url}. */
  public static URI metricsOf(URI url) {
    return url.resolve("/metrics");
  }
}
