package dev.peregrine.cli;

import dev.peregrine.TestRepo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.source.WebhookServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code peregrine serve} as a new user meets it, and {@code peregrine webhook-config}. */
@Timeout(60)
class ServeCommandTest {
  @TempDir Path tmp;

  /** A writer whose content can be read while the command still runs. */
  static final class Buffer extends StringWriter {
    @Override
    public synchronized String toString() {
      return super.toString();
    }
  }

  @Test
  void articleConfigMap_raisesCredentialsAlertWithinASecond_andIsCounted() throws Exception {
    ServeCommand cmd = new ServeCommand();
    CompletableFuture<WebhookServer> started = new CompletableFuture<>();
    cmd.onStarted = started::complete;
    Buffer out = new Buffer();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(cmd);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    Thread runner = Thread.ofPlatform().start(() -> cl.execute("--listen", "127.0.0.1:0"));
    try {
      int port = started.get(30, TimeUnit.SECONDS).port();
      Path example = TestRepo.repoRoot().resolve("examples/webhook/configmap-eventlist.json");
      HttpClient http = HttpClient.newHttpClient();
      long t0 = System.nanoTime();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/k8s-audit"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofFile(example)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"accepted\":1}");
      while (!out.toString().contains("private credential")
          && System.nanoTime() - t0 < 1_000_000_000L) {
        Thread.sleep(5);
      }
      assertThat(out.toString()).contains("Warning K8s configmap with private credential"
          + " (user=minikube-user verb=create resource=configmaps configmap=my-config"
          + " namespace=default)");
      String metrics = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).containsPattern("falcosecurity_falco_rules_matches_total\\{priority=\"4\","
          + "rule_name=\"Create/Modify Configmap With Private Credentials\",source=\"k8s_audit\""
          + "[^}]*tag_k8s=\"true\"[^}]*} 1.0");
    } finally {
      cmd.stop.countDown();
      runner.join(Duration.ofSeconds(30));
    }
    assertThat(runner.isAlive()).isFalse();
  }

  @Test
  void badListen_isUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new ServeCommand());
    cl.setErr(new PrintWriter(err, true));
    assertThat(cl.execute("--listen", "nonsense")).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).contains("--listen: expected HOST:PORT");
  }

  @Test
  void webhookConfig_printsKubeconfigWithEmbeddedCaAndToken() throws Exception {
    Path ca = Files.writeString(tmp.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nAA==\n"
        + "-----END CERTIFICATE-----\n");
    Path token = Files.writeString(tmp.resolve("token"), "# comment\ns3cret\n");
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new WebhookConfigCommand());
    cl.setOut(new PrintWriter(out, true));
    int status = cl.execute("--url", "https://peregrine.security.svc:8765/k8s-audit",
        "--ca", ca.toString(), "--token-file", token.toString());
    assertThat(status).isZero();
    assertThat(out.toString()).contains("kind: Config",
        "server: \"https://peregrine.security.svc:8765/k8s-audit\"",
        "certificate-authority-data: " + java.util.Base64.getEncoder()
            .encodeToString(Files.readAllBytes(ca)),
        "token: \"s3cret\"", "current-context: default-context");
  }

  @Test
  void webhookConfig_plainHttp_hasEmptyUser() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new WebhookConfigCommand());
    cl.setOut(new PrintWriter(out, true));
    assertThat(cl.execute("--url", "http://10.0.0.5:8765/k8s-audit")).isZero();
    assertThat(out.toString()).contains("  user: {}\n").doesNotContain("token");
  }
}
