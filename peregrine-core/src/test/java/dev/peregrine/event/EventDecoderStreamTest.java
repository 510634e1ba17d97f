package dev.peregrine.event;

import static dev.peregrine.event.Decoded.event;
import static dev.peregrine.event.Decoded.pretty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.TestRepo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Byte-level stream handling: gzip, slow streams, webhook bodies, real trace files. */
class EventDecoderStreamTest {
  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** A stream that hands out a few bytes per read, like a pipe. */
  static InputStream trickle(byte[] data, long seed) {
    Random random = new Random(seed);
    return new InputStream() {
      int pos;

      @Override
      public int read() {
        return pos < data.length ? data[pos++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= data.length) {
          return -1;
        }
        int n = Math.min(Math.min(len, 1 + random.nextInt(7)), data.length - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
      }
    };
  }

  static String mixed() {
    return event("a") + "\n" + event("x").substring(0, 70) + "\n" + pretty("b") + "\n"
        + "{\"kind\":\"EventList\",\"items\":[" + event("c") + ",3]}\n[" + event("d") + "]\n"
        + "{\"kind\":0}\n{\"a\":\n" + event("e") + "\n";
  }

  @Test
  void gzipIsDetectedByMagicBytes() throws Exception {
    byte[] plain = ("\uFEFF" + mixed()).getBytes(StandardCharsets.UTF_8);
    Decoded zipped = Decoded.of(gzip(plain), DecodeLimits.defaults());
    Decoded direct = Decoded.of(plain, DecodeLimits.defaults());
    assertThat(zipped.ids()).containsExactly("a", "b", "c", "d", "e");
    assertThat(zipped.rendered()).isEqualTo(direct.rendered()).hasSize(4);
    assertThat(zipped.stats()).isEqualTo(direct.stats());
  }

  @Test
  void concatenatedGzipMembers() throws Exception {
    byte[] one = gzip((event("a") + "\n").getBytes());
    byte[] two = gzip((event("b") + "\n").getBytes());
    byte[] both = Arrays.copyOf(one, one.length + two.length);
    System.arraycopy(two, 0, both, one.length, two.length);
    assertThat(Decoded.of(both, DecodeLimits.defaults()).ids()).containsExactly("a", "b");
  }

  @Test
  void truncatedGzipReportsReadFailure() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      text.append(event("e" + i)).append('\n');
    }
    byte[] zipped = gzip(text.toString().getBytes());
    Decoded d = Decoded.of(Arrays.copyOf(zipped, zipped.length / 2), DecodeLimits.defaults());
    assertThat(d.events()).isNotEmpty();
    assertThat(d.rendered()).anyMatch(m -> m.contains(": read failed: "))
        .noneMatch(m -> m.contains("[Source"));
  }

  @Test
  void slowStreamGivesSameResultAsWholeInput() {
    byte[] data = mixed().getBytes(StandardCharsets.UTF_8);
    Decoded whole = Decoded.of(data, DecodeLimits.defaults());
    for (long seed = 0; seed < 20; seed++) {
      List<AuditEvent> events = new ArrayList<>();
      List<DecodeError> errors = new ArrayList<>();
      DecodeStats stats = new EventDecoder().decode(trickle(data, seed), "in", events::add,
          errors::add);
      assertThat(events).isEqualTo(whole.events());
      assertThat(errors).isEqualTo(whole.errors());
      assertThat(stats).isEqualTo(whole.stats());
    }
  }

  @Test
  void webhookBody() {
    String body = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},"
        + "\"items\":[" + event("a").replace("\"kind\":\"Event\",", "") + "]}";
    List<AuditEvent> events = new ArrayList<>();
    DecodeStats stats = new EventDecoder().decode(body.getBytes(), "webhook", events::add,
        e -> {});
    assertThat(stats.events()).isEqualTo(1);
    assertThat(events.get(0).origin()).isEqualTo("webhook");
    assertThat(events.get(0).hasAuditId()).isTrue();
  }

  @Test
  void errorLinesPastManyChunks() {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 5000; i++) {
      text.append(i % 1000 == 0 ? "oops" : event("e" + i)).append('\n');
    }
    Decoded d = Decoded.of(text.toString());
    assertThat(d.events()).hasSize(4995);
    assertThat(d.errors()).extracting(DecodeError::line)
        .containsExactly(1000L, 2000L, 3000L, 4000L, 5000L);
    assertThat(d.events().get(4994).line()).isEqualTo(4999);
  }

  @Test
  void upstreamTraceFiles() throws Exception {
    Path traces = traceDir();
    List<Path> files;
    try (Stream<Path> list = Files.list(traces)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      List<AuditEvent> events = new ArrayList<>();
      List<DecodeError> errors = new ArrayList<>();
      try (InputStream in = Files.newInputStream(file)) {
        new EventDecoder().decode(in, file.getFileName().toString(), events::add, errors::add);
      }
      if (file.getFileName().toString().equals("fal_01_003.json")) { // {"kind": 0}
        assertThat(events).isEmpty();
        assertThat(errors).extracting(DecodeError::render)
            .containsExactly("fal_01_003.json:1: data not recognized as a k8s audit event");
        continue;
      }
      assertThat(errors).as(file.toString()).isEmpty();
      assertThat(events).as(file.toString()).isNotEmpty().allMatch(AuditEvent::hasAuditId);
    }
  }

  private static Path traceDir() {
    return TestRepo.upstream("falco-k8s-audit-tests/test/trace_files/k8s_audit");
  }
}
