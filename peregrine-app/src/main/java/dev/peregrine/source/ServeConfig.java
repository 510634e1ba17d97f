package dev.peregrine.source;

import dev.peregrine.event.Format;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the webhook receiver.
 *
 * @param host address to listen on ({@code 0.0.0.0} for all)
 * @param port TCP port; 0 picks a free one
 * @param auditPaths paths that accept audit batches
 * @param limits request and queue limits
 * @param tls TLS files, or null for plain HTTP
 * @param tokenFile bearer-token file, or null for no token check
 * @param spoolDir spool directory, or null for in-memory only
 * @param spoolMaxBytes disk limit of the spool
 * @param workers engine worker threads
 * @param dedupEntries remembered (auditID, stage) pairs; 0 turns de-duplication off
 * @param dedupWindow how long a pair is remembered
 * @param drainTimeout longest wait for the queue to drain at shutdown
 * @param retryAfterSeconds value of Retry-After on 429/503
 * @param version Peregrine's version, for /versions and the version metric
 * @param cloudPath path that accepts managed-cluster envelopes (Event Hubs, Pub/Sub push,
 *     Firehose, CloudWatch subscription payloads), or null for none
 * @param cloudFormat envelopes the cloud path unwraps ({@link Format#AUTO}: all)
 * @param metricsEnabled whether {@code /metrics} is served (otherwise it answers 404, as Falco's
 *     webserver without {@code prometheus_metrics_enabled})
 */
public record ServeConfig(String host, int port, List<String> auditPaths, Limits limits,
    TlsFiles tls, Path tokenFile, Path spoolDir, long spoolMaxBytes, int workers,
    int dedupEntries, Duration dedupWindow, Duration drainTimeout, int retryAfterSeconds,
    String version, String cloudPath, Format cloudFormat, boolean metricsEnabled) {
  /** Default listen address. */
  public static final String DEFAULT_HOST = "0.0.0.0";
  /** Default port, as Falco's webserver. */
  public static final int DEFAULT_PORT = 8765;
  /** Default audit paths: Falco's current and its pre-0.24 spelling. */
  public static final List<String> DEFAULT_PATHS = List.of("/k8s-audit", "/k8s_audit");
  /** Default shutdown drain limit. */
  public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(20);
  /** Default spool disk limit: 1 GiB. */
  public static final long DEFAULT_SPOOL_MAX_BYTES = Spool.DEFAULT_MAX_BYTES;
  /** Default number of (auditID, stage) pairs remembered to drop re-sent events. */
  public static final int DEFAULT_DEDUP_ENTRIES = Dedup.DEFAULT_ENTRIES;
  /** Default time (auditID, stage) pairs are remembered. */
  public static final Duration DEFAULT_DEDUP_WINDOW = Dedup.DEFAULT_WINDOW;
  /** Largest {@code dedupEntries}: the de-duplication arrays are allocated up front. */
  public static final int MAX_DEDUP_ENTRIES = Dedup.MAX_ENTRIES;

  /** Copies the path list. */
  public ServeConfig {
    auditPaths = List.copyOf(auditPaths);
    if (cloudPath != null && auditPaths.contains(cloudPath)) {
      throw new IllegalArgumentException("the cloud path " + cloudPath
          + " is also an audit path");
    }
  }

  /** Defaults for everything; listens on {@code host:port}. */
  public static ServeConfig defaults(String host, int port) {
    return new ServeConfig(host, port, DEFAULT_PATHS, Limits.defaults(), null, null, null,
        DEFAULT_SPOOL_MAX_BYTES, defaultWorkers(),
        DEFAULT_DEDUP_ENTRIES, DEFAULT_DEDUP_WINDOW, DEFAULT_DRAIN, 1, "dev", null, Format.AUTO, true);
  }

  /**
   * Default engine workers: one per processor, at least two. Workers wait on the queue when idle;
   * with fewer workers than processors the HTTP threads decode faster than the rules run and the
   * queue fills (measured in docs/performance.md).
   */
  public static int defaultWorkers() {
    return Math.max(2, Runtime.getRuntime().availableProcessors());
  }

  /** With other limits. */
  public ServeConfig withLimits(Limits l) {
    return new ServeConfig(host, port, auditPaths, l, tls, tokenFile, spoolDir, spoolMaxBytes,
        workers, dedupEntries, dedupWindow, drainTimeout, retryAfterSeconds, version, cloudPath,
        cloudFormat, metricsEnabled);
  }

  /** With TLS and token settings. */
  public ServeConfig withSecurity(TlsFiles t, Path token) {
    return new ServeConfig(host, port, auditPaths, limits, t, token, spoolDir, spoolMaxBytes,
        workers, dedupEntries, dedupWindow, drainTimeout, retryAfterSeconds, version, cloudPath,
        cloudFormat, metricsEnabled);
  }

  /** With a spool. */
  public ServeConfig withSpool(Path dir, long maxBytes) {
    return new ServeConfig(host, port, auditPaths, limits, tls, tokenFile, dir, maxBytes,
        workers, dedupEntries, dedupWindow, drainTimeout, retryAfterSeconds, version, cloudPath,
        cloudFormat, metricsEnabled);
  }

  /** With other worker, path and de-duplication settings. */
  public ServeConfig withEngine(List<String> paths, int nWorkers, int entries, Duration window) {
    return new ServeConfig(host, port, paths, limits, tls, tokenFile, spoolDir, spoolMaxBytes,
        nWorkers, entries, window, drainTimeout, retryAfterSeconds, version, cloudPath,
        cloudFormat, metricsEnabled);
  }

  /** With an endpoint for managed-cluster envelopes at {@code path} (null: none). */
  public ServeConfig withCloud(String path, Format format) {
    return new ServeConfig(host, port, auditPaths, limits, tls, tokenFile, spoolDir, spoolMaxBytes,
        workers, dedupEntries, dedupWindow, drainTimeout, retryAfterSeconds, version, path,
        format, metricsEnabled);
  }

  /** With {@code /metrics} served or not. */
  public ServeConfig withMetrics(boolean enabled) {
    return new ServeConfig(host, port, auditPaths, limits, tls, tokenFile, spoolDir, spoolMaxBytes,
        workers, dedupEntries, dedupWindow, drainTimeout, retryAfterSeconds, version, cloudPath,
        cloudFormat, enabled);
  }

  /** With another version string. */
  public ServeConfig withVersion(String v) {
    return new ServeConfig(host, port, auditPaths, limits, tls, tokenFile, spoolDir, spoolMaxBytes,
        workers, dedupEntries, dedupWindow, drainTimeout, retryAfterSeconds, v, cloudPath,
        cloudFormat, metricsEnabled);
  }
}
