package dev.peregrine.cli;

import dev.peregrine.TestRepo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.source.WebhookServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve -c FILE} applies the config file's {@code webserver}, {@code spool}, {@code
 * limits} and {@code metrics} keys, and a flag given on the command line wins over them. Every
 * server listens on 127.0.0.1 only.
 */
@Timeout(120)
class ServeConfigFileTest {
  static final Path EXAMPLE = TestRepo.repoRoot()
      .resolve("examples/webhook/configmap-eventlist.json");
  static final Path TLS = TestRepo.repoRoot().resolve("peregrine-app/src/test/resources/tls");
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path tmp;

  /** A {@code serve} run on its own thread; closing it stops the server. */
  static final class Serving implements AutoCloseable {
    final ServeCommand cmd = new ServeCommand();
    final CompletableFuture<WebhookServer> started = new CompletableFuture<>();
    final ServeCommandTest.Buffer err = new ServeCommandTest.Buffer();
    final Thread runner;
    volatile int status = -1;

    Serving(String... args) {
      cmd.onStarted = started::complete;
      CommandLine cl = new CommandLine(cmd);
      cl.setOut(new PrintWriter(new ServeCommandTest.Buffer(), true));
      cl.setErr(new PrintWriter(err, true));
      runner = Thread.ofPlatform().start(() -> {
        status = cl.execute(args);
        started.completeExceptionally(new AssertionError("serve exited with " + status + ": "
            + err));
      });
    }

    /** The port, once the server listens. */
    int port() throws Exception {
      return started.get(60, TimeUnit.SECONDS).port();
    }

    /** The exit status of a run that does not start. */
    int exitStatus() throws InterruptedException {
      runner.join(Duration.ofSeconds(60));
      return status;
    }

    @Override
    public void close() {
      cmd.stop.countDown();
      try {
        runner.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while stopping serve", e);
      }
      assertThat(runner.isAlive()).isFalse();
    }
  }

  /** Writes {@code yaml} as the config file and serves with it and {@code flags}. */
  Serving serve(String yaml, String... flags) throws Exception {
    Path cfg = Files.writeString(tmp.resolve("peregrine.yaml"), yaml);
    List<String> args = new ArrayList<>(List.of("-c", cfg.toString()));
    args.addAll(List.of(flags));
    return new Serving(args.toArray(String[]::new));
  }

  static HttpResponse<String> post(HttpClient http, String url, String token)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofFile(EXAMPLE));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(int port, String path) throws Exception {
    return post(HTTP, "http://127.0.0.1:" + port + path, null);
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static boolean hasFiles(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.findAny().isPresent();
    }
  }

  @Test
  void webserver_listenAddressPortAndAuditEndpoint_comeFromTheConfig() throws Exception {
    int port = freePort();
    try (Serving s = serve("""
        webserver:
          listen_address: 127.0.0.1
          listen_port: %d
          k8s_audit_endpoint: /audit-from-config
        """.formatted(port))) {
      assertThat(s.port()).isEqualTo(port);
      assertThat(post(port, "/audit-from-config").statusCode()).isEqualTo(200);
      assertThat(post(port, "/k8s-audit").statusCode()).isEqualTo(404);
      assertThat(s.err.toString())
          .contains("serving [/audit-from-config] on 127.0.0.1:" + port);
    }
  }

  @Test
  void webserver_listenAndPathFlags_overrideTheConfig() throws Exception {
    // The configured port is taken: the server can only start if --listen wins.
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Serving s = serve("""
            webserver:
              listen_address: 127.0.0.1
              listen_port: %d
              k8s_audit_endpoint: /audit-from-config
            """.formatted(taken.getLocalPort()),
            "--listen", "127.0.0.1:0", "--path", "/audit-from-flag")) {
      int port = s.port();
      assertThat(port).isNotEqualTo(taken.getLocalPort());
      assertThat(post(port, "/audit-from-flag").statusCode()).isEqualTo(200);
      assertThat(post(port, "/audit-from-config").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void webserver_sslAndToken_comeFromTheConfig() throws Exception {
    Path pem = tmp.resolve("falco.pem"); // one file with chain and key, as Falco's
    Files.writeString(pem, Files.readString(TLS.resolve("server.pem"))
        + Files.readString(TLS.resolve("server.key")));
    Path tokens = Files.writeString(tmp.resolve("tokens"), "from-config\n");
    try (Serving s = serve("""
        webserver:
          listen_address: 127.0.0.1
          listen_port: 0
          ssl_enabled: true
          ssl_certificate: %s
          token_file: %s
        """.formatted(pem, tokens))) {
      String url = "https://127.0.0.1:" + s.port() + "/k8s-audit";
      try (HttpClient https = HttpClient.newBuilder().sslContext(trusting(TLS.resolve("ca.pem")))
          .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build()) {
        assertThat(post(https, url, "from-config").statusCode()).isEqualTo(200);
        assertThat(post(https, url, null).statusCode()).isEqualTo(401);
      }
    }
  }

  @Test
  void webserver_tokenFileFlag_overridesTheConfig() throws Exception {
    Path fromConfig = Files.writeString(tmp.resolve("config-tokens"), "from-config\n");
    Path fromFlag = Files.writeString(tmp.resolve("flag-tokens"), "from-flag\n");
    try (Serving s = serve("""
        webserver: {listen_address: 127.0.0.1, listen_port: 0, token_file: %s}
        """.formatted(fromConfig), "--token-file", fromFlag.toString())) {
      String url = "http://127.0.0.1:" + s.port() + "/k8s-audit";
      assertThat(post(HTTP, url, "from-flag").statusCode()).isEqualTo(200);
      assertThat(post(HTTP, url, "from-config").statusCode()).isEqualTo(403);
    }
  }

  @Test
  void webserver_disabled_isAnErrorAtTheKey() throws Exception {
    try (Serving s = serve("""
        webserver:
          listen_address: 127.0.0.1
          listen_port: 0
          enabled: false
        """)) {
      assertThat(s.exitStatus()).isEqualTo(1);
      assertThat(s.err.toString()).contains(tmp.resolve("peregrine.yaml")
          + ":4:12: error: webserver.enabled is false, but serve receives audit events through"
          + " its webserver", "not serving");
    }
  }

  @Test
  void limits_maxBodyBytesAndQueueEvents_comeFromTheConfig() throws Exception {
    assertThat(Files.size(EXAMPLE)).isGreaterThan(1000);
    try (Serving s = serve("""
        webserver: {listen_address: 127.0.0.1, listen_port: 0}
        limits:
          max_body_bytes: 1000
          queue_events: 7
        """)) {
      int port = s.port();
      HttpResponse<String> r = post(port, "/k8s-audit");
      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(r.body()).contains("over the limit of 1000 bytes");
      assertThat(get(port, "/metrics").body()).contains("peregrine_queue_capacity 7.0");
    }
  }

  @Test
  void limits_maxBodyBytesFlag_overridesTheConfig() throws Exception {
    try (Serving s = serve("""
        webserver: {listen_address: 127.0.0.1, listen_port: 0}
        limits: {max_body_bytes: 1000}
        """, "--max-body-bytes", "100000")) {
      assertThat(post(s.port(), "/k8s-audit").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void limits_badValue_isAnErrorWithFileLineColumn() throws Exception {
    try (Serving s = serve("""
        webserver: {listen_address: 127.0.0.1, listen_port: 0}
        limits:
          max_body_bytes: 12MiB
        """)) {
      assertThat(s.exitStatus()).isEqualTo(1);
      assertThat(s.err.toString()).contains(tmp.resolve("peregrine.yaml")
          + ":3:19: error: limits.max_body_bytes: '12MiB' is not an integer");
    }
  }

  @Test
  void spool_directory_comesFromTheConfig() throws Exception {
    Path dir = tmp.resolve("spool-from-config");
    try (Serving s = serve("""
        webserver: {listen_address: 127.0.0.1, listen_port: 0}
        spool:
          directory: %s
          max_bytes: 10485760
        """.formatted(dir))) {
      assertThat(post(s.port(), "/k8s-audit").statusCode()).isEqualTo(200);
      assertThat(s.err.toString()).contains(", spool " + dir);
      assertThat(hasFiles(dir)).isTrue();
    }
  }

  @Test
  void spool_flag_overridesTheConfig() throws Exception {
    Path fromConfig = tmp.resolve("spool-from-config");
    Path fromFlag = tmp.resolve("spool-from-flag");
    try (Serving s = serve("""
        webserver: {listen_address: 127.0.0.1, listen_port: 0}
        spool: {directory: %s}
        """.formatted(fromConfig), "--spool", fromFlag.toString())) {
      assertThat(post(s.port(), "/k8s-audit").statusCode()).isEqualTo(200);
      assertThat(hasFiles(fromFlag)).isTrue();
      assertThat(fromConfig).doesNotExist();
    }
  }

  @Test
  void metrics_disabledInTheConfig_answers404() throws Exception {
    try (Serving s = serve("""
        webserver: {listen_address: 127.0.0.1, listen_port: 0}
        metrics:
          enabled: false
        """)) {
      assertThat(get(s.port(), "/metrics").statusCode()).isEqualTo(404);
      assertThat(get(s.port(), "/healthz").statusCode()).isEqualTo(200);
    }
    try (Serving s = serve("""
        webserver:
          listen_address: 127.0.0.1
          listen_port: 0
          prometheus_metrics_enabled: false
        """)) {
      assertThat(get(s.port(), "/metrics").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void metrics_commandLineOverride_winsOverTheConfig() throws Exception {
    try (Serving s = serve("""
        webserver: {listen_address: 127.0.0.1, listen_port: 0}
        metrics: {enabled: false}
        """, "-o", "metrics.enabled=true")) {
      HttpResponse<String> r = get(s.port(), "/metrics");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("falcosecurity_falco_version_info");
    }
  }

  /** A client context that trusts the CA in {@code caPem}. */
  static SSLContext trusting(Path caPem) throws Exception {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(caPem)) {
      ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
          .generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
