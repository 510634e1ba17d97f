package dev.peregrine.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** HTTP output against a loopback Falcosidekick-like receiver: retries, order, gzip. */
@Timeout(60)
class HttpTest {
  static HttpOutput.Settings settings(SidekickReceiver rx, int retries, boolean gzip) {
    return settings(rx.url(), retries, gzip);
  }

  static HttpOutput.Settings settings(URI url, int retries, boolean gzip) {
    return new HttpOutput.Settings(url, "falcosecurity/falco", OutputGoldenTest.headers(), gzip,
        Duration.ofSeconds(5), retries, Duration.ofMillis(20), Duration.ofMillis(200), false);
  }

  /** A ticker whose sleeps take no time but are counted. */
  static final class NoSleep implements Ticker {
    final AtomicInteger sleeps = new AtomicInteger();

    @Override
    public long nanos() {
      return System.nanoTime();
    }

    @Override
    public void sleep(long nanos) {
      sleeps.incrementAndGet();
    }
  }

  @Test
  void http_5xxAnswers_areRetriedAndOrderIsKept() throws IOException {
    try (SidekickReceiver rx = new SidekickReceiver()) {
      rx.failNext.set(3);
      SinkStats stats = new SinkStats("http");
      NoSleep ticker = new NoSleep();
      HttpOutput h = new HttpOutput(settings(rx, 5, false), Alerts.json().withAsciiOutput(), null,
          ticker, stats, HttpOutput.NO_ECHO);
      QueuedSink sink = new QueuedSink(h, QueuedSink.Options.defaults(), stats, OutputLog.NONE,
          ticker);
      for (int i = 0; i < 5; i++) {
        sink.accept(Alerts.numbered(i));
      }
      sink.close(Duration.ofSeconds(30));
      assertThat(stats.snapshot().delivered()).isEqualTo(5);
      assertThat(stats.snapshot().retries()).isEqualTo(3);
      assertThat(ticker.sleeps.get()).isEqualTo(3);
      List<String> users = rx.accepted().stream()
          .map(r -> r.body().replaceAll(".*\"ka.user.name\":\"([^\"]+)\".*", "$1")).toList();
      assertThat(users).containsExactly("user-0", "user-1", "user-2", "user-3", "user-4");
    }
  }

  @Test
  void http_receiverDown_thenUp_deliversAfterRetries() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    SinkStats stats = new SinkStats("http");
    SidekickReceiver[] rx = new SidekickReceiver[1];
    Ticker ticker = new Ticker() {
      @Override
      public long nanos() {
        return System.nanoTime();
      }

      @Override
      public void sleep(long nanos) throws InterruptedException {
        if (stats.snapshot().retries() == 2 && rx[0] == null) {
          try {
            rx[0] = new SidekickReceiver(port);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    };
    HttpOutput h = new HttpOutput(settings(URI.create("http://127.0.0.1:" + port + "/"), 10,
        false), Alerts.json(), null, ticker, stats, HttpOutput.NO_ECHO);
    QueuedSink sink = new QueuedSink(h, QueuedSink.Options.defaults(), stats, OutputLog.NONE,
        ticker);
    sink.accept(Alerts.user("alice"));
    sink.accept(Alerts.user("bob"));
    sink.close(Duration.ofSeconds(30));
    try (SidekickReceiver up = rx[0]) {
      assertThat(stats.snapshot().delivered()).isEqualTo(2);
      assertThat(stats.snapshot().failed()).isZero();
      assertThat(stats.snapshot().retries()).isGreaterThanOrEqualTo(2);
      assertThat(up.accepted()).hasSize(2);
    }
  }

  @Test
  void http_retriesExhausted_countsFailureAndMovesOn() throws IOException {
    try (SidekickReceiver rx = new SidekickReceiver()) {
      rx.failNext.set(3);
      SinkStats stats = new SinkStats("http");
      NoSleep ticker = new NoSleep();
      HttpOutput h = new HttpOutput(settings(rx, 2, false), Alerts.json(), null, ticker, stats,
          HttpOutput.NO_ECHO);
      List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
      QueuedSink sink = new QueuedSink(h, QueuedSink.Options.defaults(), stats, log::add, ticker);
      sink.accept(Alerts.user("alice"));
      sink.accept(Alerts.user("bob"));
      sink.close(Duration.ofSeconds(30));
      assertThat(stats.snapshot().failed()).isEqualTo(1);
      assertThat(stats.snapshot().delivered()).isEqualTo(1);
      assertThat(rx.accepted()).singleElement().satisfies(r -> assertThat(r.body())
          .contains("bob"));
      assertThat(log).singleElement().asString().contains("HTTP 503").contains("3 attempts");
    }
  }

  @Test
  void http_compressUploads_sendsGzipBody() throws IOException {
    try (SidekickReceiver rx = new SidekickReceiver()) {
      HttpOutput h = new HttpOutput(settings(rx, 0, true), Alerts.json(), null, Ticker.SYSTEM,
          SinkRetries.NONE, HttpOutput.NO_ECHO);
      OutputGoldenTest.deliver(h, List.of(Alerts.user("alice")));
      assertThat(rx.accepted()).singleElement().satisfies(r -> {
        assertThat(r.encoding()).isEqualTo("gzip");
        assertThat(r.body()).contains("\"rule\":\"Disallowed K8s User\"");
      });
    }
  }

  @Test
  void http_echo_passesEveryResponseBodyOnAsALine() throws IOException {
    try (SidekickReceiver rx = new SidekickReceiver()) {
      HttpOutput.Settings plain = settings(rx, 0, false);
      HttpOutput.Settings echo = new HttpOutput.Settings(plain.url(), plain.userAgent(),
          plain.headers(), false, plain.timeout(), 0, plain.backoff(), plain.maxBackoff(), true);
      List<String> echoed = new java.util.concurrent.CopyOnWriteArrayList<>();
      SinkRetries stats = SinkRetries.NONE;
      // the receiver answers 200 "{}" to JSON alerts and 400 with a message to text ones
      OutputGoldenTest.deliver(new HttpOutput(echo, Alerts.json(), null, Ticker.SYSTEM, stats,
          echoed::add), List.of(Alerts.user("alice")));
      OutputGoldenTest.deliver(new HttpOutput(echo, Alerts.text(), null, Ticker.SYSTEM, stats,
          echoed::add), List.of(Alerts.user("bob")));
      assertThat(echoed).containsExactly("{}\n", "Please send a valid request body\n");
    }
  }
}
