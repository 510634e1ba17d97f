package dev.peregrine.source;

import dev.peregrine.engine.Alert;
import dev.peregrine.engine.Engine;
import dev.peregrine.engine.EngineOptions;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.output.AlertSink;
import dev.peregrine.rules.RulesInput;
import dev.peregrine.rules.RulesLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Shared pieces of the receiver tests: a rule that fires on every event, events, a sink. */
public final class Fixtures {
  private Fixtures() {}

  /** One rule that matches every event with an auditID; its output is the auditID. */
  public static final String SEEN_RULE = """
      - rule: seen
        desc: every event
        condition: ka.auditid != ""
        output: "seen %ka.auditid"
        priority: INFO
        source: k8s_audit
        tags: [test, k8s]
      """;

  public static Engine engine() {
    var load = new RulesLoader().load(List.of(new RulesInput("seen.yaml", SEEN_RULE)));
    return Engine.build(load, FieldRegistry.standard(ZoneOffset.UTC, "test"),
        EngineOptions.defaults()).engine().orElseThrow();
  }

  /** An event item as the apiserver puts it in an EventList (no kind, no apiVersion). */
  static String item(String auditId) {
    return "{\"level\":\"Metadata\",\"auditID\":\"" + auditId + "\",\"stage\":\"ResponseComplete\","
        + "\"requestURI\":\"/api/v1/namespaces/default/pods\",\"verb\":\"list\","
        + "\"user\":{\"username\":\"alice\"},\"sourceIPs\":[\"10.0.0.1\"],"
        + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"default\",\"apiVersion\":\"v1\"},"
        + "\"responseStatus\":{\"metadata\":{},\"code\":200},"
        + "\"requestReceivedTimestamp\":\"2026-11-20T10:15:01.000001Z\","
        + "\"stageTimestamp\":\"2026-11-20T10:15:01.000002Z\"}";
  }

  static String eventList(List<String> items) {
    return "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
        + String.join(",", items) + "]}";
  }

  /** An EventList of {@code n} events with auditIDs {@code prefix-0 ...}. */
  static String batch(String prefix, int n) {
    return eventList(IntStream.range(0, n).mapToObj(i -> item(prefix + "-" + i))
        .collect(Collectors.toList()));
  }

  /** Collects alerts; can hold the engine workers at a gate to fill the queue. */
  static final class Collecting implements AlertSink {
    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    volatile CountDownLatch gate;

    @Override
    public void accept(Alert a) {
      CountDownLatch g = gate;
      if (g != null) {
        try {
          g.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      alerts.add(a);
    }

    List<String> ids() {
      return alerts.stream().map(a -> a.message().substring("seen ".length())).toList();
    }

    /** Waits until at least {@code n} alerts arrived (at most 10 s). */
    boolean await(int n) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (alerts.size() < n && System.nanoTime() < end) {
        Thread.sleep(5);
      }
      return alerts.size() >= n;
    }
  }

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  static HttpResponse<String> post(int port, String path, String type, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(int port, String body) throws Exception {
    return post(port, "/k8s-audit", "application/json", body);
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static ServeConfig config() {
    return ServeConfig.defaults("127.0.0.1", 0).withEngine(ServeConfig.DEFAULT_PATHS, 1,
        Dedup.DEFAULT_ENTRIES, Dedup.DEFAULT_WINDOW);
  }
}
