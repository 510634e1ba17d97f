package dev.peregrine.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.peregrine.engine.Engine;
import dev.peregrine.output.AlertSink;
import dev.peregrine.source.Fixtures;
import dev.peregrine.source.ServeConfig;
import dev.peregrine.source.WebhookServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load generator against the real receiver and against scripted answers. */
@Timeout(60)
class LoadGenTest {
  static LoadSpec spec(URI url, long events, int batch, int concurrency, int pool, URI metrics) {
    return new LoadSpec(url, events, batch, concurrency, null, 1, pool, null, null, null,
        metrics, 5, Duration.ofMillis(10), Duration.ofSeconds(10));
  }

  @Test
  void againstTheReceiver_everyAcknowledgedEventIsEvaluated_andCyclesAreNotDeduplicated()
      throws Exception {
    Engine engine = Fixtures.engine();
    AtomicLong alerts = new AtomicLong();
    AlertSink sink = new AlertSink() {
      @Override
      public void accept(dev.peregrine.engine.Alert a) {
        alerts.incrementAndGet();
      }

      @Override
      public void flush() { }

      @Override
      public void close() { }
    };
    try (WebhookServer server = new WebhookServer(ServeConfig.defaults("127.0.0.1", 0), engine,
        sink, Clock.systemUTC())) {
      server.start();
      URI url = URI.create("http://127.0.0.1:" + server.port() + "/k8s-audit");
      // 1,000 distinct events cycled three times, in batches of 400 (the last one of 200)
      LoadReport r = new LoadGen(spec(url, 3000, 400, 2, 1000, LoadSpec.metricsOf(url)),
          new PrintWriter(new StringWriter())).run();
      assertThat(r.batches()).isEqualTo(8);
      assertThat(r.acked()).isEqualTo(3000);
      assertThat(r.server().accepted()).isEqualTo(3000);
      assertThat(r.server().evaluated()).isEqualTo(3000);
      assertThat(r.server().deduplicated()).isZero();
      assertThat(r.server().heapMaxBytes()).isPositive();
      assertThat(r.verified()).isTrue();
      assertThat(alerts.get()).isEqualTo(3000);
      assertThat(r.text()).contains("verified     yes");
    }
  }

  /** A receiver that answers each request with the next scripted status. */
  static HttpServer scripted(List<Integer> codes, String retryAfter, List<Integer> seen)
      throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger i = new AtomicInteger();
    s.createContext("/k8s-audit", ex -> {
      ex.getRequestBody().readAllBytes();
      int code = codes.get(Math.min(i.getAndIncrement(), codes.size() - 1));
      seen.add(code);
      if (code != 200 && retryAfter != null) {
        ex.getResponseHeaders().add("Retry-After", retryAfter);
      }
      byte[] body = (code == 200 ? "{\"accepted\":4,\"rejected_count\":1}" : "{\"error\":\"x\"}")
          .getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(code, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    s.start();
    return s;
  }

  @Test
  void refusals_areRetriedWithGrowingBackoff_honouringRetryAfter() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    HttpServer s = scripted(List.of(429, 503, 200), "3", seen);
    List<Duration> sleeps = new ArrayList<>();
    try {
      URI url = URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/k8s-audit");
      LoadReport r = new LoadGen(spec(url, 5, 5, 1, 5, null),
          new PrintWriter(new StringWriter()), System::nanoTime, sleeps::add).run();
      assertThat(seen).containsExactly(429, 503, 200);
      assertThat(r.retries()).isEqualTo(2);
      assertThat(r.acked()).isEqualTo(4);
      assertThat(r.rejected()).isEqualTo(1);
      assertThat(r.unacknowledged()).isZero();
      assertThat(r.answers()).containsEntry(429, 1L).containsEntry(503, 1L)
          .containsEntry(200, 1L);
      assertThat(sleeps).hasSize(2).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(3)));
      assertThat(r.server()).isNull();
    } finally {
      s.stop(0);
    }
  }

  @Test
  void backoff_growsByHalfWithJitter_andStopsAfterTheAttemptLimit() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    HttpServer s = scripted(List.of(503), null, seen);
    List<Duration> sleeps = new ArrayList<>();
    try {
      URI url = URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/k8s-audit");
      LoadReport r = new LoadGen(spec(url, 5, 5, 1, 5, null),
          new PrintWriter(new StringWriter()), System::nanoTime, sleeps::add).run();
      assertThat(seen).hasSize(5);
      assertThat(r.unacknowledged()).isEqualTo(5);
      assertThat(r.failedBatches()).isEqualTo(1);
      assertThat(r.verified()).isFalse();
      assertThat(sleeps).hasSize(4);
      double step = 10;
      for (Duration d : sleeps) {
        assertThat(d.toNanos() / 1e6).isBetween(step, step * 1.2);
        step *= 1.5;
      }
    } finally {
      s.stop(0);
    }
  }

  @Test
  void otherClientErrors_areFinal() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    HttpServer s = scripted(List.of(400), null, seen);
    try {
      URI url = URI.create("http://127.0.0.1:" + s.getAddress().getPort() + "/k8s-audit");
      LoadReport r = new LoadGen(spec(url, 10, 5, 1, 10, null),
          new PrintWriter(new StringWriter()), System::nanoTime, d -> { }).run();
      assertThat(seen).containsExactly(400, 400);
      assertThat(r.retries()).isZero();
      assertThat(r.unacknowledged()).isEqualTo(10);
    } finally {
      s.stop(0);
    }
  }
}
