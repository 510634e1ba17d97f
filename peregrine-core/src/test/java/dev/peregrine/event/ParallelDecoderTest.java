package dev.peregrine.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The parallel decoder hands on exactly what the sequential one does, in the same order, for
 * JSON lines and for every layout that is not one record per line.
 */
class ParallelDecoderTest {
  static final String PRETTY = """
      {
        "kind": "Event",
        "auditID": "pretty",
        "stage": "ResponseComplete",
        "stageTimestamp": "2024-01-02T03:04:05Z"
      }
      """;

  static String lines(int n, String prefix) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(Decoded.event(prefix + i)).append('\n');
    }
    return sb.toString();
  }

  /** Everything a decode produced, rendered, in order; then the counts. */
  static List<String> sequential(byte[] bytes) {
    List<String> out = new ArrayList<>();
    DecodeStats s = new EventDecoder().decode(new ByteArrayInputStream(bytes), "in",
        e -> out.add(render(e)), e -> out.add(e.render()));
    out.add(s.toString());
    return out;
  }

  static List<String> parallel(byte[] bytes, int threads, int partBytes) {
    return parallel(new ByteArrayInputStream(bytes), threads, partBytes);
  }

  static List<String> parallel(InputStream in, int threads, int partBytes) {
    List<String> out = new ArrayList<>();
    try (ParallelDecoder d = new ParallelDecoder(new EventDecoder(), threads, partBytes)) {
      DecodeStats s = d.decode(in, "in", ParallelDecoderTest::render, out::add,
          e -> out.add(e.render()));
      out.add(s.toString());
    }
    return out;
  }

  static String render(AuditEvent e) {
    return e.origin() + ":" + e.line() + " " + e.json();
  }

  static void assertSame(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<String> expected = sequential(bytes);
    for (int part : new int[] {1, 7, 64, 300, 1 << 20}) {
      for (int threads : new int[] {1, 3}) {
        assertThat(parallel(bytes, threads, part)).as("part %d, threads %d", part, threads)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void jsonLines() {
    assertSame(lines(200, "a"));
  }

  @Test
  void badAndTruncatedLines_keepTheirLineNumbers() {
    String ev = Decoded.event("t");
    assertSame(lines(20, "a") + "not json\n" + ev.substring(0, 50) + "\n" + lines(5, "b")
        + "{\"kind\":\"Other\"}\n\n   \n" + "[" + ev + ",1]\n" + ev.substring(0, 70)
        + "\n" + lines(3, "c") + ev.substring(0, 30));
  }

  @Test
  void prettyPrintedEventsAndEventLists() {
    String list = "{\"kind\":\"EventList\",\"items\":[\n" + Decoded.event("i1") + ",\n"
        + Decoded.event("i2") + "\n]}\n";
    assertSame(lines(10, "a") + PRETTY + lines(10, "b") + list + lines(10, "c") + PRETTY);
  }

  @Test
  void arraysOverSeveralLines_andCarriageReturns() {
    assertSame("[\n" + Decoded.event("x") + ",\n" + Decoded.event("y") + "\n]\n" + lines(5, "a"));
    assertSame(lines(5, "a") + "\r" + lines(5, "b").replace("\n", "\r\n") + "oops\r"
        + lines(5, "c"));
  }

  @Test
  void gzip_andAReadFailure() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write(lines(300, "g").getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = gz.toByteArray();
    assertThat(parallel(whole, 2, 500)).isEqualTo(sequential(whole));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 40);
    assertThat(parallel(cut, 2, 500)).isEqualTo(sequential(cut));
  }
}
