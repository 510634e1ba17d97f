package dev.peregrine.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.engine.Alert;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every output delivers exactly the bytes in the golden files under {@code output/}. */
class OutputGoldenTest {
  static final List<Alert> TWO = List.of(Alerts.user("alice"), Alerts.user("zo\u00eb", 1000));

  @TempDir Path tmp;

  static String golden(String name) throws IOException {
    try (InputStream in = OutputGoldenTest.class.getResourceAsStream("/output/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Runs {@code alerts} through a queued sink around {@code channel} and closes it. */
  static SinkStats.Snapshot deliver(Channel channel, List<Alert> alerts) {
    QueuedSink sink = new QueuedSink(channel, QueuedSink.Options.defaults(), OutputLog.NONE,
        Ticker.SYSTEM);
    alerts.forEach(sink::accept);
    sink.close(Duration.ofSeconds(10));
    return sink.stats().snapshot();
  }

  @Test
  void stdout_json_isFalcoJsonLines() throws IOException {
    StringWriter out = new StringWriter();
    assertThat(deliver(new StdoutOutput(out, Alerts.json()), TWO).delivered()).isEqualTo(2);
    assertThat(out.toString()).isEqualTo(golden("alerts.jsonl"));
  }

  @Test
  void stdout_text_isFalcoTextLines() throws IOException {
    StringWriter out = new StringWriter();
    deliver(new StdoutOutput(out, Alerts.text()), TWO);
    assertThat(out.toString()).isEqualTo(golden("alerts.txt"));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void file_appendsUtf8Lines(boolean keepAlive) throws IOException {
    Path f = tmp.resolve("events.txt");
    Files.writeString(f, "earlier\n");
    deliver(new FileOutput(f, keepAlive, Alerts.json()), TWO);
    assertThat(Files.readString(f)).isEqualTo("earlier\n" + golden("alerts.jsonl"));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void program_getsLinesOnStdin(boolean keepAlive) throws IOException {
    Path f = tmp.resolve("program.out");
    ProgramOutput p = new ProgramOutput("cat >> '" + f + "'", keepAlive, Alerts.json(),
        Duration.ofSeconds(10), SinkRetries.NONE, OutputLog.NONE);
    assertThat(deliver(p, TWO).delivered()).isEqualTo(2);
    assertThat(Files.readString(f)).isEqualTo(golden("alerts.jsonl"));
  }

  @Test
  void syslog_rfc3164And5424_datagrams() throws IOException {
    Clock clock = Clock.fixed(Instant.parse("2025-02-10T09:15:40Z"), ZoneOffset.UTC);
    try (DatagramSocket rx = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      rx.setSoTimeout(10_000);
      InetSocketAddress to = new InetSocketAddress("127.0.0.1", rx.getLocalPort());
      deliver(new SyslogOutput(to, SyslogOutput.Format.RFC3164, "node-1", 42, clock,
          Alerts.text()), TWO.subList(0, 1));
      assertThat(receive(rx)).isEqualTo(golden("syslog-rfc3164.txt"));
      deliver(new SyslogOutput(to, SyslogOutput.Format.RFC5424, "node-1", 42, clock,
          Alerts.json()), TWO.subList(0, 1));
      assertThat(receive(rx)).isEqualTo(golden("syslog-rfc5424.txt"));
    }
  }

  @Test
  void syslog_priorityIsUserFacilityPlusFalcoOrdinal() {
    SyslogOutput s = new SyslogOutput(new InetSocketAddress("127.0.0.1", 514),
        SyslogOutput.Format.RFC5424, "h", 1, Clock.systemUTC(), Alerts.text());
    for (dev.peregrine.rules.Priority p : dev.peregrine.rules.Priority.values()) {
      Alert a = Alerts.user("u");
      Alert withP = new Alert(a.rule(), p, a.source(), a.tags(), a.timeNanos(), a.output(),
          a.message(), a.outputFields());
      assertThat(new String(s.datagram(withP), StandardCharsets.UTF_8))
          .startsWith("<" + (8 + p.ordinal()) + ">1 ");
    }
  }

  private static String receive(DatagramSocket rx) throws IOException {
    DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
    rx.receive(p);
    return new String(Arrays.copyOf(p.getData(), p.getLength()), StandardCharsets.UTF_8);
  }

  @Test
  void http_postsOneJsonBodyPerAlert_asciiOutputForTheUi() throws IOException {
    try (SidekickReceiver rx = new SidekickReceiver()) {
      HttpOutput h = new HttpOutput(HttpTest.settings(rx, 0, false), Alerts.json()
          .withAsciiOutput(), null, Ticker.SYSTEM, SinkRetries.NONE, HttpOutput.NO_ECHO);
      assertThat(deliver(h, TWO).delivered()).isEqualTo(2);
      List<SidekickReceiver.Request> r = rx.requests;
      assertThat(r).hasSize(2).allSatisfy(q -> {
        assertThat(q.status()).as(q.problem()).isEqualTo(200);
        assertThat(q.contentType()).isEqualTo("application/json");
        assertThat(q.userAgent()).isEqualTo("falcosecurity/falco");
        assertThat(q.custom()).isEqualTo("yes");
      });
      assertThat(r.get(0).body() + "\n").isEqualTo(golden("alerts.jsonl").lines().findFirst()
          .orElseThrow() + "\n");
      assertThat(r.get(1).body()).isEqualTo(golden("http-ascii.json"));
    }
  }

  @Test
  void http_withoutAsciiOutput_isRejectedByTheUiRule() throws IOException {
    try (SidekickReceiver rx = new SidekickReceiver()) {
      HttpOutput h = new HttpOutput(HttpTest.settings(rx, 0, false), Alerts.json(), null,
          Ticker.SYSTEM, SinkRetries.NONE, HttpOutput.NO_ECHO);
      SinkStats.Snapshot s = deliver(h, TWO);
      assertThat(s.delivered()).isEqualTo(1);
      assertThat(s.failed()).isEqualTo(1);
      assertThat(rx.requests.get(1).problem()).isEqualTo("output not ASCII");
    }
  }

  @Test
  void http_text_isPlainTextBody() throws IOException {
    try (SidekickReceiver rx = new SidekickReceiver()) {
      HttpOutput h = new HttpOutput(HttpTest.settings(rx, 0, false), Alerts.text(), null,
          Ticker.SYSTEM, SinkRetries.NONE, HttpOutput.NO_ECHO);
      deliver(h, TWO.subList(0, 1));
      assertThat(rx.requests.get(0).contentType()).isEqualTo("text/plain");
      assertThat(rx.requests.get(0).body() + "\n")
          .isEqualTo(golden("alerts.txt").lines().findFirst().orElseThrow() + "\n");
    }
  }

  static Map<String, String> headers() {
    return Map.of("X-Custom", "yes");
  }
}
