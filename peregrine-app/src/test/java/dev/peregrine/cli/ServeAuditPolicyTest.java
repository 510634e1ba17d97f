package dev.peregrine.cli;

import dev.peregrine.TestRepo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.Json;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve --audit-policy FILE}: the policy is applied to every event before the rules. */
@Timeout(60)
class ServeAuditPolicyTest {
  @TempDir Path tmp;

  /**
   * The article's ConfigMap event (level Request, raises the credentials alert without a policy,
   * see ServeCommandTest) and a copy of it by the scheduler, under a policy that drops the
   * scheduler and records everything else at Metadata.
   */
  @Test
  void droppedEvents_areAcknowledgedNotEvaluated_andStrippedBodiesRaiseNoAlert() throws Exception {
    Path policy = Files.writeString(tmp.resolve("policy.yaml"), """
        apiVersion: audit.k8s.io/v1
        kind: Policy
        rules:
        - level: None
          users: ["system:kube-scheduler"]
        - level: Metadata
        """);
    ObjectNode list = (ObjectNode) Json.mapper().readTree(TestRepo.repoRoot()
        .resolve("examples/webhook/configmap-eventlist.json").toFile());
    ArrayNode items = (ArrayNode) list.get("items");
    ObjectNode scheduler = items.get(0).deepCopy();
    scheduler.put("auditID", "7e0e1e4c-0000-4000-8000-000000000002");
    ((ObjectNode) scheduler.get("user")).put("username", "system:kube-scheduler");
    items.add(scheduler);

    ServeCommand cmd = new ServeCommand();
    CompletableFuture<WebhookServer> started = new CompletableFuture<>();
    cmd.onStarted = started::complete;
    ServeCommandTest.Buffer out = new ServeCommandTest.Buffer();
    CommandLine cl = new CommandLine(cmd);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    Thread runner = Thread.ofPlatform().start(() -> cl.execute("--listen", "127.0.0.1:0",
        "--audit-policy", policy.toString()));
    try {
      int port = started.get(30, TimeUnit.SECONDS).port();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/k8s-audit"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(list.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"accepted\":2}");
      String metrics = "";
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < end) {
        metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (value(metrics, "peregrine_queue_depth") == 0
            && value(metrics, "peregrine_events_evaluated_total") >= 1) {
          break;
        }
        Thread.sleep(10);
      }
      assertThat(value(metrics, "peregrine_events_accepted_total")).isEqualTo(2);
      assertThat(value(metrics, "peregrine_events_evaluated_total")).isEqualTo(1);
      assertThat(metrics).doesNotContain("Create/Modify Configmap With Private Credentials");
      assertThat(out.toString()).doesNotContain("private credential");
    } finally {
      cmd.stop.countDown();
      runner.join(Duration.ofSeconds(30));
    }
    assertThat(runner.isAlive()).isFalse();
  }

  static double value(String metrics, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }
}
