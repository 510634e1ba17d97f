package dev.peregrine.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.event.DecodeLimits;
import dev.peregrine.event.EventDecoder;
import dev.peregrine.event.Format;
import dev.peregrine.event.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The optional endpoint for managed-cluster envelopes ({@code --cloud-path}). */
@Timeout(60)
class CloudPathTest extends ServerTestBase {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final Path CORE_FIXTURES = ROOT.resolve("peregrine-core/src/test/resources/event/cloud");

  @TempDir Path tmp;

  static ServeConfig cloud() {
    return Fixtures.config().withCloud("/cloud-audit", Format.AUTO);
  }

  /** How many events the replay decoder finds in {@code file}. */
  static long events(Path file) throws Exception {
    AtomicLong n = new AtomicLong();
    new EventDecoder(DecodeLimits.defaults(), Format.AUTO)
        .decode(Files.readAllBytes(file), "t", e -> n.incrementAndGet(), e -> { });
    return n.get();
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"examples/managed/aks-export.json",
      "examples/managed/gke-pubsub-push.json", "examples/managed/eks-subscription.json",
      "examples/managed/eks-lambda-event.json", "examples/managed/eks-export.json",
      "peregrine-core/src/test/resources/event/cloud/eks-firehose-request.json"})
  void eachEnvelope_isAcceptedOnTheCloudPath_andEvaluated(String fixture) throws Exception {
    int port = start(cloud());
    Path file = ROOT.resolve(fixture);
    long expected = events(file);
    assertThat(expected).isPositive();
    HttpResponse<String> r = Fixtures.post(port, "/cloud-audit", "application/json",
        Files.readString(file));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("accepted").asLong()).isEqualTo(expected);
    assertThat(sink.await((int) expected)).isTrue();
    assertThat(sink.alerts).allSatisfy(a -> assertThat(a.message()).startsWith("seen "));
  }

  @Test
  void auditPath_readsNativeEventsOnly() throws Exception {
    int port = start(cloud());
    HttpResponse<String> r = Fixtures.post(port, "/k8s-audit", "application/json",
        Files.readString(ROOT.resolve("examples/managed/aks-export.json")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("no audit event in the body");
  }

  @Test
  void cloudPath_isOffByDefault() throws Exception {
    int port = start(Fixtures.config());
    HttpResponse<String> r = Fixtures.post(port, "/cloud-audit", "application/json",
        Files.readString(ROOT.resolve("examples/managed/aks-export.json")));
    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void explicitFormat_refusesOtherClouds() throws Exception {
    int port = start(Fixtures.config().withCloud("/cloud-audit", Format.GKE));
    HttpResponse<String> r = Fixtures.post(port, "/cloud-audit", "application/json",
        Files.readString(ROOT.resolve("examples/managed/aks-export.json")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("GKE Cloud Logging entry");
  }

  @Test
  void badRecords_arePartlyAccepted_andOtherCategoriesSkipped() throws Exception {
    int port = start(cloud());
    String body = "{\"records\":[" + aksRecord("kube-audit", "a-1") + ","
        + aksRecord("kube-apiserver", "a-2") + ","
        + "{\"category\":\"kube-audit\",\"properties\":{\"log\":\"not json\"}},"
        + aksRecord("kube-audit-admin", "a-3") + "]}";
    HttpResponse<String> r = Fixtures.post(port, "/cloud-audit", "application/json", body);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode a = json(r);
    assertThat(a.get("accepted").asInt()).isEqualTo(2);
    assertThat(a.get("rejected_count").asInt()).isEqualTo(1);
    assertThat(a.get("rejected").get(0).get("path").asText()).startsWith("records[2]");
    assertThat(a.get("skipped").asInt()).isEqualTo(1);
    assertThat(sink.await(2)).isTrue();
    assertThat(sink.ids()).containsExactlyInAnyOrder("a-1", "a-3");
    assertThat(Fixtures.get(port, "/metrics").body())
        .contains("peregrine_records_skipped_total 1.0");
  }

  static String aksRecord(String category, String auditId) {
    String log = Fixtures.item(auditId).replace("\"", "\\\"");
    return "{\"resourceId\":\"/SUBSCRIPTIONS/X/RESOURCEGROUPS/RG/PROVIDERS/"
        + "MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/PROD-EU\",\"category\":\"" + category
        + "\",\"properties\":{\"log\":\"" + log + "\"}}";
  }

  @Test
  void firehose_gzipBodyAndAccessKey_areAccepted_andTheAnswerEchoesTheRequestId()
      throws Exception {
    Path tokens = Files.writeString(tmp.resolve("tokens"), "k3y\n");
    int port = start(cloud().withSecurity(null, tokens));
    byte[] plain = Files.readAllBytes(CORE_FIXTURES.resolve("eks-firehose-request.json"));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(plain);
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/cloud-audit"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .header("Content-Encoding", "gzip")
        .header("X-Amz-Firehose-Request-Id", "req-42")
        .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray()));
    HttpResponse<String> r = Fixtures.HTTP.send(b.header("X-Amz-Firehose-Access-Key", "k3y")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode a = json(r);
    assertThat(a.get("requestId").asText()).isEqualTo("req-42");
    assertThat(a.get("timestamp").asLong()).isPositive();
    assertThat(a.get("accepted").asLong())
        .isEqualTo(events(CORE_FIXTURES.resolve("eks-firehose-request.json")));
    HttpResponse<String> wrong = Fixtures.HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/cloud-audit"))
        .header("Content-Type", "application/json")
        .header("X-Amz-Firehose-Request-Id", "req-43")
        .header("X-Amz-Firehose-Access-Key", "nope")
        .POST(HttpRequest.BodyPublishers.ofByteArray(plain)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(json(wrong).get("requestId").asText()).isEqualTo("req-43");
    assertThat(json(wrong).get("errorMessage").asText()).contains("not accepted");
  }

  @Test
  void gzipBomb_isRefusedWith413() throws Exception {
    int port = start(cloud().withLimits(Limits.defaults().withMaxBodyBytes(64 * 1024)));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(new byte[1 << 20]);
    }
    HttpResponse<String> r = Fixtures.HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/cloud-audit"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void spooledCloudBody_isParsedAgainAsACloudBody() throws Exception {
    byte[] body = Files.readAllBytes(ROOT.resolve("examples/managed/gke-pubsub-push.json"));
    BatchParser p = new BatchParser(Limits.defaults(), Format.AUTO);
    var again = p.parseSpooled(p.spooled(body));
    assertThat(again).isInstanceOfSatisfying(BatchParser.Ok.class,
        ok -> assertThat(ok.events()).hasSize(1));
    byte[] nativeBody = Fixtures.batch("n", 3).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(new BatchParser(Limits.defaults()).spooled(nativeBody)).isSameAs(nativeBody);
  }
}
