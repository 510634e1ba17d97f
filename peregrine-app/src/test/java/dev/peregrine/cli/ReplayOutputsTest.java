package dev.peregrine.cli;

import dev.peregrine.TestRepo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay -c peregrine.yaml} with outputs, as a new user runs it. */
@Timeout(60)
class ReplayOutputsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  HttpServer server;
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final List<String> contentTypes = new CopyOnWriteArrayList<>();
  /** Response body, or null for none. */
  volatile String answer;

  @BeforeEach
  void startReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      contentTypes.add(ex.getRequestHeaders().getFirst("Content-Type"));
      int status = ex.getRequestMethod().equals("POST") ? 200 : 400;
      byte[] a = answer == null ? new byte[0] : answer.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, a.length == 0 ? -1 : a.length);
      ex.getResponseBody().write(a);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stopReceiver() {
    server.stop(0);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** The shipped peregrine.yaml with the given lines changed by -o. */
  ReplayCommandTest.Run replay(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("replay", "-c",
        TestRepo.repoRoot().resolve("peregrine.yaml").toString()));
    args.addAll(List.of(extra));
    args.add(ReplayCommandTest.example().toString());
    return ReplayCommandTest.run(args.toArray(String[]::new));
  }

  @Test
  void replay_httpOutput_postsOneFalcosidekickShapedAlertPerAlert() throws IOException {
    ReplayCommandTest.Run r = replay("-o", "json_output=true", "-o", "http_output.enabled=true",
        "-o", "http_output.url=" + url());
    assertThat(r.status()).as(r.err()).isZero();
    List<String> stdout = r.out().lines().toList();
    assertThat(stdout).hasSizeGreaterThanOrEqualTo(3);
    assertThat(bodies).hasSameSizeAs(stdout);
    assertThat(contentTypes).containsOnly("application/json");
    for (int i = 0; i < bodies.size(); i++) {
      assertThat(bodies.get(i)).isEqualTo(stdout.get(i));
      assertFalcosidekickAccepts(JSON.readTree(bodies.get(i)));
    }
    assertThat(r.err()).contains("http: " + bodies.size() + " delivered, 0 dropped, 0 failed");
  }

  static void assertFalcosidekickAccepts(JsonNode n) {
    assertThat(n.path("priority").asText()).isIn("Emergency", "Alert", "Critical", "Error",
        "Warning", "Notice", "Informational", "Debug");
    assertThat(n.path("rule").asText()).isNotEmpty();
    assertThat(OffsetDateTime.parse(n.path("time").asText()).toEpochSecond()).isPositive();
    assertThat(n.path("output_fields").isObject()).isTrue();
    assertThat(n.path("output_fields").has("evt.time")).isTrue();
    assertThat(n.path("output").asText()).isNotEmpty().matches("\\p{ASCII}*");
    assertThat(n.path("source").asText()).isEqualTo("k8s_audit");
  }

  @Test
  void replay_configFileWithHttpAndFileOutputs_deliversTheSameAlertsToBoth() throws IOException {
    Path events = tmp.resolve("events.jsonl");
    Path config = tmp.resolve("peregrine.yaml");
    Files.writeString(config, """
        json_output: true
        stdout_output:
          enabled: false
        file_output:
          enabled: true
          keep_alive: true
          filename: "%s"
        http_output:
          enabled: true
          url: "%s"
        """.formatted(events, url()));
    ReplayCommandTest.Run r = ReplayCommandTest.run("replay", "-c", config.toString(),
        ReplayCommandTest.example().toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    List<String> file = Files.readAllLines(events);
    assertThat(file).hasSizeGreaterThanOrEqualTo(3);
    assertThat(bodies).as("one POST per alert, in order").containsExactlyElementsOf(file);
    int n = file.size();
    assertThat(r.err()).contains("Outputs:\n")
        .contains("  file: " + n + " delivered, 0 dropped, 0 failed\n")
        .contains("  http: " + n + " delivered, 0 dropped, 0 failed\n");
  }

  @Test
  void replay_httpEcho_printsEachResponseBodyOnStdout() {
    answer = "accepted";
    ReplayCommandTest.Run r = replay("-o", "json_output=true", "-o", "http_output.enabled=true",
        "-o", "http_output.url=" + url(), "-o", "http_output.echo=true");
    assertThat(r.status()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    List<String> alerts = lines.stream().filter(l -> l.startsWith("{")).toList();
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(3).hasSameSizeAs(bodies);
    assertThat(lines).filteredOn(l -> !l.startsWith("{")).hasSameSizeAs(bodies)
        .containsOnly("accepted");
  }

  @Test
  void replay_fileOutputOnly_writesTheFileAndNothingToStdout() throws IOException {
    Path events = tmp.resolve("events.txt");
    ReplayCommandTest.Run r = replay("-o", "stdout_output.enabled=false", "-o",
        "file_output.enabled=true", "-o", "file_output.filename=" + events);
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Files.readAllLines(events)).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{9}: \\w+ .*"));
  }

  @Test
  void replay_dedupWindow_collapsesRepeatedAlerts() throws IOException {
    Path log = tmp.resolve("repeated.jsonl");
    String line = Files.readAllLines(ReplayCommandTest.example()).stream()
        .filter(l -> l.contains("payment-settings")).findFirst().orElseThrow();
    Files.writeString(log, (line + "\n").repeat(5));
    ReplayCommandTest.Run plain = ReplayCommandTest.run("replay", "--json", log.toString());
    assertThat(plain.out().lines()).hasSize(5);
    ReplayCommandTest.Run r = ReplayCommandTest.run("replay", "--json", "--dedup-window", "1h",
        log.toString());
    List<String> out = r.out().lines().toList();
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).doesNotContain("peregrine.count");
    assertThat(out.get(1)).contains("\"peregrine.count\":4").contains("(repeated 4 times in 1h)");
  }
}
