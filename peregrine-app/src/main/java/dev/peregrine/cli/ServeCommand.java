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
      description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String listen = ServeConfig.DEFAULT_HOST + ":" + ServeConfig.DEFAULT_PORT;

  @Option(names = "--path", paramLabel = "PATH",
      description = "Audit endpoint path (repeatable; default /k8s-audit and /k8s_audit).")
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
      description = "Largest request body (default ${DEFAULT-VALUE}).")
  long maxBody = Limits.DEFAULT_MAX_BODY_BYTES;

  @Option(names = "--queue-events", paramLabel = "N",
      description = "Ingest queue capacity in events (default ${DEFAULT-VALUE}).")
  int queueEvents = Limits.DEFAULT_QUEUE_EVENTS;

  @Option(names = "--workers", paramLabel = "N",
      description = "Engine worker threads (default: one per processor, at least 2).")
  Integer workers;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this chain.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM",
      description = "Private key of --tls-cert (default: the --tls-cert file itself).")
  Path tlsKey;

  @Option(names = "--client-ca", paramLabel = "PEM",
      description = "Require client certificates signed by this CA (mutual TLS).")
  Path clientCa;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "Require 'Authorization: Bearer <token>' with a token from FILE.")
  Path tokenFile;

  @Option(names = "--spool", paramLabel = "DIR",
      description = "Durable spool: fsync accepted batches before answering; replay on restart.")
  Path spool;

  @Option(names = "--spool-max-bytes", paramLabel = "BYTES",
      description = "Spool disk limit; when reached, batches get 503 (default 1 GiB).")
  long spoolMax = ServeConfig.DEFAULT_SPOOL_MAX_BYTES;

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
      settings = ruleOptions.config(err);
      config = config();
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

  ServeConfig config() {
    int colon = listen.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("--listen: expected HOST:PORT, got '" + listen + "'");
    }
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--listen: bad port in '" + listen + "'");
    }
    String host = listen.substring(0, colon).replace("[", "").replace("]", "");
    ServeConfig c = ServeConfig.defaults(host.isEmpty() ? ServeConfig.DEFAULT_HOST : host, port)
        .withVersion(version());
    c = c.withLimits(Limits.defaults().withMaxBodyBytes(maxBody).withQueueEvents(queueEvents));
    if ((tlsKey != null || clientCa != null) && tlsCert == null) {
      throw new IllegalArgumentException("--tls-key and --client-ca need --tls-cert");
    }
    TlsFiles tls = tlsCert == null ? null
        : new TlsFiles(tlsCert, tlsKey == null ? tlsCert : tlsKey, clientCa);
    c = c.withSecurity(tls, tokenFile);
    if (spool != null) {
      c = c.withSpool(spool, spoolMax);
    }
    for (String p : paths) {
      if (!p.startsWith("/")) {
        throw new IllegalArgumentException("--path must start with /: " + p);
      }
    }
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
    return c.withEngine(paths.isEmpty() ? c.auditPaths() : paths,
        workers == null ? c.workers() : workers, dedupEntries, Duration.ofSeconds(dedupSeconds))
        .withCloud(cloudPath, format);
  }

  private static String version() {
    String v = ServeCommand.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

}
