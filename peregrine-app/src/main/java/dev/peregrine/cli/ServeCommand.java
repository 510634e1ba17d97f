package dev.peregrine.cli;

import dev.peregrine.engine.Engine;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.Format;
import dev.peregrine.source.Limits;
import dev.peregrine.source.ServeConfig;
import dev.peregrine.source.TlsFiles;
import dev.peregrine.source.WebhookServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code peregrine serve}: receives audit batches from kube-apiserver's webhook backend. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Receive Kubernetes audit events from kube-apiserver's webhook backend,"
        + " evaluate them and print alerts to stdout.",
        "Answers 200 only for events parsed and queued (and fsynced with --spool)."})
public final class ServeCommand implements Callable<Integer> {
  @Mixin RuleOptions ruleOptions;

  @Mixin AuditPolicyOption auditPolicy;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Address to listen on (default: the config's webserver.listen_address and"
          + " listen_port, 0.0.0.0:8765).")
  String listen;

  @Option(names = "--path", paramLabel = "PATH",
      description = "Audit endpoint path (repeatable; default: the config's"
          + " webserver.k8s_audit_endpoint, else /k8s-audit and /k8s_audit).")
  List<String> paths = new ArrayList<>();

  @Option(names = "--cloud-path", paramLabel = "PATH",
      description = "Also accept managed-cluster envelopes (AKS Event Hubs records, GKE Pub/Sub"
          + " push, EKS Firehose and CloudWatch subscription payloads) on PATH, e.g."
          + " /cloud-audit (default: off).")
  String cloudPath;

  @Option(names = "--cloud-format", paramLabel = "FORMAT",
      description = "Envelopes --cloud-path unwraps: auto, eks, gke or aks (default auto).")
  String cloudFormat = "auto";

  @Option(names = "--max-body-bytes", paramLabel = "BYTES",
      description = "Largest request body (default: the config's limits.max_body_bytes, 12 MiB).")
  Long maxBody;

  @Option(names = "--queue-events", paramLabel = "N",
      description = "Ingest queue capacity in events (default: the config's limits.queue_events,"
          + " 10000).")
  Integer queueEvents;

  @Option(names = "--workers", paramLabel = "N",
      description = "Engine worker threads (default: one per processor, at least 2).")
  Integer workers;

  @Option(names = "--tls-cert", paramLabel = "PEM",
      description = "Serve HTTPS with this chain (default: the config's"
          + " webserver.ssl_certificate when webserver.ssl_enabled is true). Replaces the"
          + " config's certificate and key.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM",
      description = "Private key of the certificate (default: the config's webserver.ssl_key,"
          + " else the certificate file itself).")
  Path tlsKey;

  @Option(names = "--client-ca", paramLabel = "PEM",
      description = "Require client certificates signed by this CA (mutual TLS; default: the"
          + " config's webserver.ssl_client_ca).")
  Path clientCa;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "Require 'Authorization: Bearer <token>' with a token from FILE (default:"
          + " the config's webserver.token_file).")
  Path tokenFile;

  @Option(names = "--spool", paramLabel = "DIR",
      description = "Durable spool: fsync accepted batches before answering; replay on restart"
          + " (default: the config's spool.directory, else none).")
  Path spool;

  @Option(names = "--spool-max-bytes", paramLabel = "BYTES",
      description = "Spool disk limit; when reached, batches get 503 (default: the config's"
          + " spool.max_bytes, 1 GiB).")
  Long spoolMax;

  @Option(names = "--event-dedup-window", paramLabel = "SECONDS",
      description = "Remember (auditID, stage) this long to drop re-sent events"
          + " (default ${DEFAULT-VALUE}).")
  long dedupSeconds = ServeConfig.DEFAULT_DEDUP_WINDOW.toSeconds();

  @Option(names = "--event-dedup-entries", paramLabel = "N",
      description = "Remember at most N pairs; 0 turns de-duplication off"
          + " (default ${DEFAULT-VALUE}).")
  int dedupEntries = ServeConfig.DEFAULT_DEDUP_ENTRIES;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Called once the server listens; tests use it to find the port. */
  Consumer<WebhookServer> onStarted = s -> { };
  /** Counted down to stop the server (the JVM shutdown hook does the same). */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Config settings;
    ServeConfig config;
    try {
      ConfigFile file = ruleOptions.configFile(err);
      settings = file.toConfig();
      if (!settings.webserver().enabled()) {
        throw file.errorAt("webserver.enabled", "webserver.enabled is false, but serve receives"
            + " audit events through its webserver; remove the key or set it to true");
      }
      config = config(settings);
    } catch (IllegalArgumentException e) {
      err.println("peregrine: " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (ConfigException e) {
      return e.report(err, "not serving");
    }
    Engine.Build build = ruleOptions.buildEngine(settings, err);
    if (build.engine().isEmpty()) {
      err.println("peregrine: rules have errors; not serving");
      return 1;
    }
    var policy = auditPolicy.enforcer();
    OutputsFactory.Opened outputs;
    try {
      outputs = OutputsFactory.open(settings, out, err, false, CLOSE_WAIT);
    } catch (ConfigException e) {
      return e.report(err, "not serving");
    }
    try (outputs) {
      return serve(config, build.engine().get(), outputs, policy, err);
    }
  }

  /** How long shutdown waits for outputs to deliver what is queued. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(10);


  private int serve(ServeConfig config, Engine engine, OutputsFactory.Opened outputs,
      Function<AuditEvent, Optional<AuditEvent>> policy, PrintWriter err) throws Exception {
    WebhookServer server = new WebhookServer(config, engine, outputs.sink(), Clock.systemUTC());
    if (auditPolicy.file != null) {
      server.withAuditPolicy(policy); // it may read any part of an event: decode them whole
    }
    server.metrics().outputDrops(outputs.outputs()::dropped);
    Thread hook = new Thread(() -> {
      stop.countDown();
      closeQuietly(server);
    }, "peregrine-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      server.start();
      err.println("peregrine: serving " + config.auditPaths() + " on " + config.host() + ":"
          + server.port() + (config.spoolDir() == null ? "" : ", spool " + config.spoolDir())
          + (config.cloudPath() == null ? "" : ", managed-cluster envelopes on "
              + config.cloudPath()));
      err.flush();
      onStarted.accept(server);
      stop.await();
    } finally {
      closeQuietly(server);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running
      }
    }
    return 0;
  }

  private static void closeQuietly(WebhookServer server) {
    try {
      server.close();
    } catch (Exception e) {
      System.err.println("peregrine: shutdown: " + e);
    }
  }

  /**
   * The serve settings: each one from its flag when the flag was given, else from the config
   * file's {@code webserver}, {@code spool}, {@code limits} and {@code metrics} keys (whose
   * defaults are serve's own). Throws IllegalArgumentException for bad flag values.
   */
  ServeConfig config(Config settings) {
    Config.Webserver web = settings.webserver();
    String host = web.listenAddress();
    int port = web.listenPort();
    if (listen != null) {
      int colon = listen.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("--listen: expected HOST:PORT, got '" + listen + "'");
      }
      try {
        port = Integer.parseInt(listen.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--listen: bad port in '" + listen + "'");
      }
      host = listen.substring(0, colon).replace("[", "").replace("]", "");
    }
    ServeConfig c = ServeConfig.defaults(host.isEmpty() ? ServeConfig.DEFAULT_HOST : host, port)
        .withVersion(version());
    c = c.withLimits(Limits.defaults()
        .withMaxBodyBytes(maxBody != null ? maxBody : settings.limits().maxBodyBytes())
        .withQueueEvents(queueEvents != null ? queueEvents : settings.limits().queueEvents()));
    c = c.withSecurity(tls(web), tokenFile != null ? tokenFile : path(web.tokenFile()));
    Path spoolDir = spool != null ? spool : path(settings.spool().directory());
    if (spoolDir != null) {
      c = c.withSpool(spoolDir, spoolMax != null ? spoolMax : settings.spool().maxBytes());
    }
    for (String p : paths) {
      if (!p.startsWith("/")) {
        throw new IllegalArgumentException("--path must start with /: " + p);
      }
    }
    List<String> auditPaths = !paths.isEmpty() ? paths
        : !web.auditEndpoints().isEmpty() ? web.auditEndpoints() : c.auditPaths();
    if (cloudPath != null && !cloudPath.startsWith("/")) {
      throw new IllegalArgumentException("--cloud-path must start with /: " + cloudPath);
    }
    Format format = Format.parse(cloudFormat);
    if (format == Format.K8S) {
      throw new IllegalArgumentException("--cloud-format: expected auto, eks, gke or aks");
    }
    if (dedupEntries < 0 || dedupEntries > ServeConfig.MAX_DEDUP_ENTRIES) {
      throw new IllegalArgumentException("--event-dedup-entries: expected 0 to "
          + ServeConfig.MAX_DEDUP_ENTRIES + ", got " + dedupEntries);
    }
    return c.withEngine(auditPaths, workers == null ? c.workers() : workers, dedupEntries,
            Duration.ofSeconds(dedupSeconds))
        .withCloud(cloudPath, format)
        .withMetrics(settings.metrics().enabled() && web.prometheusMetrics());
  }

  /**
   * The TLS files, or null for plain HTTP. {@code --tls-cert} replaces the config's certificate
   * and key together (its key is {@code --tls-key} or the certificate file), so that a
   * certificate is never paired with another one's key; {@code --tls-key} and {@code
   * --client-ca} alone replace just their setting.
   */
  private TlsFiles tls(Config.Webserver web) {
    Path cert = tlsCert;
    Path key = tlsKey;
    if (cert == null && web.sslEnabled()) {
      cert = Path.of(web.sslCertificate());
      if (key == null) {
        key = path(web.sslKey());
      }
    }
    Path ca = clientCa != null ? clientCa : path(web.sslClientCa());
    if (cert == null) {
      if (tlsKey != null || clientCa != null) {
        throw new IllegalArgumentException("--tls-key and --client-ca need --tls-cert (or"
            + " webserver.ssl_enabled in the config file)");
      }
      return null;
    }
    return new TlsFiles(cert, key == null ? cert : key, ca);
  }

  /** The path a config string names; empty means none. */
  private static Path path(String s) {
    return s.isBlank() ? null : Path.of(s);
  }

  private static String version() {
    String v = ServeCommand.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

}
