package dev.peregrine.source;

import dev.peregrine.event.Format;
import dev.peregrine.event.Selection;
import dev.peregrine.engine.Engine;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.metrics.ServeMetrics;
import dev.peregrine.output.AlertSink;
import dev.peregrine.rules.RulesLoader;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kube-apiserver webhook receiver: Jetty in front, a bounded queue, engine workers behind,
 * and optionally a durable spool in between. {@link #start()} first evaluates whatever the spool
 * holds beyond its checkpoint, then opens the port. {@link #close()} shuts down without losing an
 * acknowledged event: new batches are refused with 503, in-flight requests finish, the queue is
 * drained, the sink flushed and the spool checkpointed and closed.
 */
public final class WebhookServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
  /** How often the spool checkpoint is written. */
  static final long CHECKPOINT_MILLIS = 100;
  /** How often TLS files are checked for changes. */
  static final long TLS_CHECK_MILLIS = 2000;

  private final ServeConfig config;
  private final Engine engine;
  private final AlertSink sink;
  private final Clock clock;
  private final IngestQueue queue;
  private final ServeMetrics metrics;
  private Spool spool;
  private Pipeline pipeline;
  private Ingest ingest;
  private Server server;
  private ServerConnector connector;
  private ScheduledExecutorService timer;
  private boolean closed;
  private Function<AuditEvent, Optional<AuditEvent>> policy = Optional::of;
  private boolean policySet;

  /**
   * @param clock time source of the de-duplication window
   */
  public WebhookServer(ServeConfig config, Engine engine, AlertSink sink, Clock clock) {
    this.config = config;
    this.engine = engine;
    this.sink = sink;
    this.clock = clock;
    this.queue = new IngestQueue(config.limits().queueEvents());
    this.metrics = new ServeMetrics(config.version(), queue::depth, queue.capacity());
  }

  /**
   * Applies an audit policy to every accepted event before the rules (as kube-apiserver would
   * have); call before {@link #start()}. Dropped events are acknowledged but not evaluated.
   */
  public WebhookServer withAuditPolicy(Function<AuditEvent, Optional<AuditEvent>> policy) {
    this.policy = policy;
    this.policySet = true;
    return this;
  }

  /**
   * What the decoder keeps of each event: what the rules and outputs read, or everything when
   * an audit policy (which may read any part) sees the events first.
   */
  private Selection selection() {
    return policySet ? Selection.all() : engine.selection();
  }

  /** The metrics, for embedding and tests. */
  public ServeMetrics metrics() {
    return metrics;
  }

  /** Replays the spool, starts the workers and opens the port. */
  public void start() throws Exception {
    Dedup dedup = new Dedup(config.dedupEntries(), config.dedupWindow(), clock);
    if (config.spoolDir() != null) {
      spool = new Spool(config.spoolDir(), config.spoolMaxBytes(), Spool.DEFAULT_SEGMENT_BYTES);
    }
    pipeline = new Pipeline(engine, sink, metrics, queue, dedup, this::done, System::nanoTime,
        policy);
    if (spool != null) {
      replay();
    }
    pipeline.start(config.workers());
    ingest = new Ingest(queue, spool);
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "peregrine-timer");
      t.setDaemon(true);
      return t;
    });
    server = jetty();
    server.start();
    if (spool != null) {
      timer.scheduleWithFixedDelay(this::checkpoint, CHECKPOINT_MILLIS, CHECKPOINT_MILLIS,
          TimeUnit.MILLISECONDS);
    }
    LOG.info("listening on {}://{}:{} {}{}", config.tls() == null ? "http" : "https",
        config.host(), port(), config.auditPaths(), config.cloudPath() == null ? ""
            : ", managed-cluster envelopes (" + config.cloudFormat() + ") on "
            + config.cloudPath());
  }

  private void done(long seq) {
    if (spool != null && seq != Batch.NOT_SPOOLED) {
      spool.done(seq);
    }
  }

  private void replay() throws IOException {
    List<Spool.Record> pending = spool.pending();
    if (pending.isEmpty()) {
      return;
    }
    long events = 0;
    BatchParser spooled = new BatchParser(config.limits(), Format.K8S, selection());
    for (Spool.Record r : pending) {
      List<AuditEvent> list = spooled.parseSpooled(r.body()) instanceof BatchParser.Ok ok
          ? ok.events() : List.of();
      events += list.size();
      pipeline.process(new Batch(r.seq(), list, System.nanoTime()));
    }
    spool.allDone();
    spool.checkpoint();
    metrics.replayed(events);
    LOG.info("replayed {} events in {} batches from the spool", events, pending.size());
  }

  private void checkpoint() {
    try {
      spool.checkpoint();
    } catch (IOException | RuntimeException e) {
      LOG.error("spool checkpoint failed", e);
    }
  }

  private Server jetty() throws Exception {
    QueuedThreadPool pool = new QueuedThreadPool(64, 4);
    pool.setName("peregrine-http");
    Server s = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    if (config.tls() != null) {
      SecureRequestCustomizer src = new SecureRequestCustomizer();
      src.setSniHostCheck(false);
      http.addCustomizer(src);
      SslContextFactory.Server ssl = config.tls().factory();
      connector = new ServerConnector(s, new SslConnectionFactory(ssl, "http/1.1"),
          new HttpConnectionFactory(http));
      AtomicReference<String> stamp = new AtomicReference<>(config.tls().stamp());
      timer.scheduleWithFixedDelay(
          () -> stamp.set(config.tls().reloadIfChanged(ssl, stamp.get())),
          TLS_CHECK_MILLIS, TLS_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    } else {
      connector = new ServerConnector(s, new HttpConnectionFactory(http));
    }
    connector.setHost(config.host());
    connector.setPort(config.port());
    s.addConnector(connector);
    TokenAuth auth = config.tokenFile() == null ? null : new TokenAuth(config.tokenFile());
    WebhookHandler handler = new WebhookHandler(config, selection(), ingest, metrics, auth,
        this::ready,
        versions(config.version()), System::nanoTime);
    s.setHandler(new GracefulHandler(handler));
    s.setStopTimeout(config.drainTimeout().toMillis());
    return s;
  }

  /** Ready: not shutting down and the queue below 90 % of its capacity. */
  boolean ready() {
    return !ingest.stopping() && queue.depth() < queue.capacity() * 9 / 10;
  }

  /** The {@code /versions} document (Falco's keys, plus Peregrine's own version). */
  static Map<String, Object> versions(String version) {
    String semver = RulesLoader.ENGINE_VERSION;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("falco_version", "0.44.0");
    m.put("engine_version", semver.split("\\.")[1]);
    m.put("engine_version_semver", semver);
    m.put("plugin_versions", Map.of("k8saudit", "0.18.0", "json", "0.7.4"));
    m.put("peregrine_version", version);
    return m;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Stops accepting, drains, flushes and closes; safe to call twice. */
  @Override
  public synchronized void close() throws Exception {
    if (closed || server == null) {
      return;
    }
    closed = true;
    ingest.stop();
    server.stop();
    boolean drained = pipeline.drain(config.drainTimeout().toMillis());
    if (!drained) {
      LOG.warn("queue not drained within {}; {} events left{}", config.drainTimeout(),
          queue.depth(), spool == null ? " and lost" : " (kept in the spool)");
    }
    sink.flush();
    timer.shutdownNow();
    if (spool != null) {
      spool.close();
    }
    LOG.info("stopped");
  }
}
