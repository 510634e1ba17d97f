package dev.peregrine.source;

import static dev.peregrine.source.Fixtures.batch;
import static dev.peregrine.source.Fixtures.eventList;
import static dev.peregrine.source.Fixtures.get;
import static dev.peregrine.source.Fixtures.item;
import static dev.peregrine.source.Fixtures.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every answer of the audit endpoint, on loopback with a real Jetty. */
@Timeout(60)
class WebhookServerTest extends ServerTestBase {

  double metric(String name) {
    return server.metrics().value(name);
  }

  @Test
  void eventList_isAcceptedAndEvaluated() throws Exception {
    int port = start(Fixtures.config());
    HttpResponse<String> r = post(port, batch("a", 3));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"accepted\":3}");
    assertThat(sink.await(3)).isTrue();
    assertThat(sink.ids()).containsExactly("a-0", "a-1", "a-2");
    assertThat(metric("peregrine_events_accepted")).isEqualTo(3);
  }

  @Test
  void singleEventArrayAndLegacyPath_areAccepted() throws Exception {
    int port = start(Fixtures.config());
    String single = item("s").replaceFirst("\\{", "{\"kind\":\"Event\",");
    assertThat(post(port, "/k8s_audit", "application/json; charset=utf-8", single).statusCode())
        .isEqualTo(200);
    assertThat(post(port, "[" + item("x") + "," + item("y") + "]").body())
        .isEqualTo("{\"accepted\":2}");
    assertThat(sink.await(3)).isTrue();
  }

  @Test
  void malformedJson_is400WithOffsetAndNothingIsEvaluated() throws Exception {
    int port = start(Fixtures.config());
    String body = eventList(List.of(item("m-0"), item("m-1"))).replace("\"verb\":\"list\",", "\"verb\":,");
    HttpResponse<String> r = post(port, body);
    assertThat(r.statusCode()).isEqualTo(400);
    int offset = body.indexOf("\"verb\":,") + 7;
    assertThat(r.body()).contains("\"error\":\"malformed JSON\"").contains("\"offset\":" + offset)
        .contains("\"line\":1");
    Thread.sleep(100);
    assertThat(sink.alerts).isEmpty();
    assertThat(metric("peregrine_events_rejected")).isEqualTo(1);
  }

  @Test
  void badItems_areRejectedAloneAndReported() throws Exception {
    int port = start(Fixtures.config());
    String noTime = item("p-bad").replaceAll(",\"stageTimestamp\":\"[^\"]*\"", "");
    HttpResponse<String> r = post(port, eventList(List.of(item("p-0"), "42", noTime, item("p-3"))));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"accepted\":2", "\"rejected_count\":2",
        "{\"path\":\"items[1]\",\"reason\":\"data not recognized as a k8s audit event\"}",
        "\"path\":\"items[2]\"", "stageTimestamp");
    assertThat(sink.await(2)).isTrue();
    assertThat(sink.ids()).containsExactly("p-0", "p-3");
    assertThat(metric("peregrine_events_rejected")).isEqualTo(2);
    assertThat(metric("peregrine_events_received")).isEqualTo(4);
  }

  @Test
  void noEventAtAll_is400() throws Exception {
    int port = start(Fixtures.config());
    HttpResponse<String> r = post(port, "{\"kind\":0}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("no audit event");
  }

  @Test
  void oversizedBody_is413() throws Exception {
    int port = start(Fixtures.config().withLimits(Limits.defaults().withMaxBodyBytes(1000)));
    HttpResponse<String> r = post(port, batch("big", 5));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("over the limit of 1000 bytes");
  }

  @Test
  void tooManyEvents_is413_andTooDeep_is400() throws Exception {
    Limits l = new Limits(Limits.DEFAULT_MAX_BODY_BYTES, Limits.DEFAULT_MAX_EVENT_BYTES, 8, 100,
        2, 100);
    int port = start(Fixtures.config().withLimits(l));
    assertThat(post(port, batch("t", 3)).statusCode()).isEqualTo(413);
    HttpResponse<String> deep = post(port, "[[[[[[[[[[1]]]]]]]]]]");
    assertThat(deep.statusCode()).isEqualTo(400);
    assertThat(deep.body()).contains("nested deeper than 8", "\"offset\":8");
    HttpResponse<String> longString = post(port,
        eventList(List.of(item("x".repeat(101)))));
    assertThat(longString.statusCode()).isEqualTo(400);
    assertThat(longString.body()).contains("string longer than 100 bytes");
    // in a part no rule reads (which the decoder skips unread): refused all the same
    HttpResponse<String> unread = post(port, eventList(List.of(item("u").replace(
        "\"stageTimestamp\"", "\"requestObject\":{\"note\":\"" + "x".repeat(101)
            + "\"},\"stageTimestamp\""))));
    assertThat(unread.statusCode()).isEqualTo(400);
    assertThat(unread.body()).contains("string longer than 100 bytes");
  }

  @Test
  void wrongContentType_is415_wrongMethod_is405_unknownPath_is404() throws Exception {
    int port = start(Fixtures.config());
    assertThat(post(port, "/k8s-audit", "text/plain", batch("c", 1)).statusCode()).isEqualTo(415);
    assertThat(post(port, "/k8s-audit", null, batch("c", 1)).statusCode()).isEqualTo(415);
    HttpResponse<String> g = get(port, "/k8s-audit");
    assertThat(g.statusCode()).isEqualTo(405);
    assertThat(g.headers().firstValue("Allow")).hasValue("POST");
    assertThat(post(port, "/other", "application/json", batch("c", 1)).statusCode())
        .isEqualTo(404);
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void fullQueue_is429WithRetryAfter_andRecovers() throws Exception {
    int port = start(Fixtures.config().withLimits(Limits.defaults().withQueueEvents(2)));
    sink.gate = new CountDownLatch(1);
    assertThat(post(port, batch("q1", 2)).statusCode()).isEqualTo(200);
    HttpResponse<String> full = post(port, batch("q2", 2));
    assertThat(full.statusCode()).isEqualTo(429);
    assertThat(full.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(get(port, "/readyz").statusCode()).isEqualTo(503);
    assertThat(metric("peregrine_events_refused")).isEqualTo(2);
    sink.gate.countDown();
    assertThat(sink.await(2)).isTrue();
    long end = System.nanoTime() + 5_000_000_000L;
    int status;
    do {
      status = post(port, batch("q2", 2)).statusCode();
    } while (status == 429 && System.nanoTime() < end);
    assertThat(status).isEqualTo(200);
    assertThat(sink.await(4)).isTrue();
    assertThat(sink.ids()).containsExactly("q1-0", "q1-1", "q2-0", "q2-1");
  }

  @Test
  void retriedBatch_raisesNoDuplicateAlerts() throws Exception {
    int port = start(Fixtures.config());
    String b = batch("r", 5);
    assertThat(post(port, b).statusCode()).isEqualTo(200);
    assertThat(post(port, b).statusCode()).isEqualTo(200);
    assertThat(post(port, batch("r2", 1)).statusCode()).isEqualTo(200);
    assertThat(sink.await(6)).isTrue();
    Thread.sleep(100);
    assertThat(sink.ids()).hasSize(6).doesNotHaveDuplicates();
    assertThat(metric("peregrine_events_deduplicated")).isEqualTo(5);
  }

  @Test
  void metricsTurnedOff_is404_otherEndpointsStay() throws Exception {
    int port = start(Fixtures.config().withMetrics(false));
    HttpResponse<String> m = get(port, "/metrics");
    assertThat(m.statusCode()).isEqualTo(404);
    assertThat(m.body()).contains("no such endpoint: /metrics");
    assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
    assertThat(get(port, "/versions").statusCode()).isEqualTo(200);
    assertThat(post(port, batch("m", 1)).statusCode()).isEqualTo(200);
  }

  @Test
  void operationalEndpoints() throws Exception {
    int port = start(Fixtures.config().withVersion("1.2.3"));
    assertThat(get(port, "/healthz").body()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
    assertThat(get(port, "/versions").body()).contains("\"engine_version\":\"63\"",
        "\"engine_version_semver\":\"0.63.0\"", "\"peregrine_version\":\"1.2.3\"");
    post(port, batch("o", 2));
    assertThat(sink.await(2)).isTrue();
    Thread.sleep(50);
    HttpResponse<String> m = get(port, "/metrics");
    assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(m.body()).contains(
        "falcosecurity_falco_rules_matches_total{priority=\"6\",rule_name=\"seen\","
            + "source=\"k8s_audit\",tag_k8s=\"true\",tag_test=\"true\"} 2.0",
        "falcosecurity_falco_version_info{version=\"1.2.3\"} 1.0",
        "falcosecurity_falco_outputs_queue_num_drops_total 0.0",
        "peregrine_events_accepted_total 2.0", "peregrine_queue_depth 0.0",
        "peregrine_event_latency_seconds_count 1",
        "peregrine_webhook_requests_total{code=\"200\"} 1.0");
    assertThat(post(port, "/healthz", "application/json", "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void close_drainsEverythingAcceptedThenRefuses() throws Exception {
    int port = start(Fixtures.config());
    sink.gate = new CountDownLatch(1);
    for (int i = 0; i < 20; i++) {
      assertThat(post(port, batch("g" + i, 10)).statusCode()).isEqualTo(200);
    }
    Thread closer = Thread.ofPlatform().start(() -> {
      try {
        server.close();
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    Thread.sleep(200);
    sink.gate.countDown();
    closer.join(30_000);
    assertThat(sink.alerts).hasSize(200);
    assertThat(sink.ids()).doesNotHaveDuplicates();
  }
}
