package dev.peregrine.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The fast path for whole lines changes nothing: on any mix of lines it may take and lines it
 * must hand over (other shapes, broken JSON, blanks, CRLF line ends, values not ending their
 * line, oversized events), the decoder gives the same
 * events (tree, time, line, whole event), the same errors and the same counts with and without
 * it, with and without a selection, however the stream is cut into reads, when decoded in
 * parallel parts and when decoded in place from an array.
 *
 * <p>Lone carriage returns are left out: the streaming (non-blocking) parser sometimes fails to
 * count the line feed after one, and the fast path numbers such lines as the blocking parser
 * does, which is right (see {@link LineDecoder}).
 */
class FastPathProperties {
  private static final Selection SELECTION = Selection.of(List.of(
      List.of("verb"), List.of("user", "username"), List.of("objectRef", "resource"),
      List.of("requestObject", "spec", "containers", "image"))).withSource();

  @Property(tries = 400)
  void fastPathGivesWhatTheStreamingParserGives(
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 19) Integer> pieces,
      @ForAll boolean selective,
      @ForAll boolean trickle,
      @ForAll boolean smallLimit,
      @ForAll long seed) {
    byte[] bytes = stream(pieces, new Random(seed));
    DecodeLimits limits = smallLimit ? new DecodeLimits(400) : DecodeLimits.defaults();
    EventDecoder decoder = new EventDecoder(limits);
    if (selective) {
      decoder = decoder.withSelection(SELECTION);
    }
    String fast = render(decoder, bytes, trickle, seed);
    String slow = render(decoder.withoutFastPath(), bytes, trickle, seed);
    assertThat(fast).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(slow);
    StringBuilder inPlace = new StringBuilder();
    DecodeStats stats = decoder.decode(bytes, "p", e -> inPlace.append(event(e)),
        e -> inPlace.append(e.render()).append('\n'));
    // An oversized record is noticed when the parser runs out of input, so it may be reported
    // differently when the input comes in small reads: compare with one read of everything.
    String slowWhole = trickle ? render(decoder.withoutFastPath(), bytes, false, seed) : slow;
    assertThat(inPlace.append(stats).toString()).as("decoded in place").isEqualTo(slowWhole);
    StringBuilder slowInPlace = new StringBuilder();
    stats = decoder.withoutFastPath().decode(bytes, "p", e -> slowInPlace.append(event(e)),
        e -> slowInPlace.append(e.render()).append('\n'));
    assertThat(slowInPlace.append(stats).toString()).as("streaming parser, in place")
        .isEqualTo(slowWhole);
  }

  @Property(tries = 100)
  void parallelPartsWithTheFastPathGiveWhatOneStreamGives(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 19) Integer> pieces,
      @ForAll long seed) throws Exception {
    byte[] bytes = stream(pieces, new Random(seed));
    EventDecoder decoder = new EventDecoder().withSelection(SELECTION);
    String slow = render(decoder.withoutFastPath(), bytes, false, seed);
    for (int threads = 1; threads <= 2; threads++) { // one: parts in place on this thread
      StringBuilder out = new StringBuilder();
      try (ParallelDecoder parallel = new ParallelDecoder(decoder, threads, 97)) {
        DecodeStats stats = parallel.decode(new ByteArrayInputStream(bytes), "p", e -> e,
            (AuditEvent e) -> out.append(event(e)), e -> out.append(e.render()).append('\n'));
        out.append(stats);
      }
      assertThat(out.toString()).as("%d threads", threads).isEqualTo(slow);
    }
  }

  @Test
  void takesJsonLinesAndEventListsAndCountsTheSame() {
    String text = Decoded.event("a") + "\n\n" + Decoded.event("b") + "\r\n"
        + "{\"kind\":\"EventList\",\"items\":[" + Decoded.event("c") + "," + Decoded.event("d")
        + "]}\n";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    EventDecoder decoder = new EventDecoder();
    String fast = render(decoder, bytes, false, 1);
    assertThat(fast).isEqualTo(render(decoder.withoutFastPath(), bytes, false, 1));
    assertThat(fast).contains("@1 ", "@3 ", "@4 ").contains("events=4");
  }

  private static String render(EventDecoder decoder, byte[] bytes, boolean trickle, long seed) {
    StringBuilder out = new StringBuilder();
    InputStream in = trickle ? EventDecoderStreamTest.trickle(bytes, seed)
        : new ByteArrayInputStream(bytes);
    DecodeStats stats = decoder.decode(in, "p", e -> out.append(event(e)),
        e -> out.append(e.render()).append('\n'));
    return out.append(stats).toString();
  }

  private static String event(AuditEvent e) {
    return "@" + e.line() + " " + e.timeNanos() + " " + e.json() + " whole="
        + (e.whole() == null ? "-" : e.full().json().toString()) + "\n";
  }

  /** Lines of many shapes, some the fast path takes and some it must hand over. */
  private static byte[] stream(List<Integer> pieces, Random random) {
    StringBuilder text = new StringBuilder();
    int next = 0;
    for (int piece : pieces) {
      String id = "e" + next++;
      String ev = Decoded.event(id);
      String item = ev.replace("\"kind\":\"Event\",", "");
      text.append(switch (piece) {
        case 0, 1, 2 -> ev;
        case 3 -> pod(id, random.nextInt(6));
        case 4 -> "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},"
            + "\"items\":[" + item + "," + pod(id + "p", 2).replace("\"kind\":\"Event\",", "")
            + "]}";
        case 5 -> Decoded.pretty(id);
        case 6 -> "[" + ev + ",\n" + Decoded.event(id + "b") + "]";
        case 7 -> ev.substring(0, 1 + random.nextInt(ev.length() - 1));
        case 8 -> ev + " " + ev;
        case 9 -> ev + " x";
        case 10 -> ev + " \t";
        case 11 -> "\t" + ev;
        case 12 -> "";
        case 13 -> "   \t";
        case 14 -> ev.replace("{\"kind\":\"Event\",", "{\"apiVersion\":\"v1\",\"kind\":\"Event\",");
        case 15 -> "{\"kind\":\"EventList\",\"items\":[" + item + ",42," + item + "]}";
        case 16 -> "{\"kind\":\"EventList\",\"items\":{}}";
        case 17 -> "not json";
        case 18 -> ev.replace("2024-01-02", "2024-13-02");
        default -> "{\"kind\":\"Event\",\"auditID\":\"" + id + "\",\"stage\":\"x\","
            + "\"stageTimestamp\":\"2024-01-02T03:04:05Z\",\"responseObject\":{\"n\":1.50,"
            + "\"big\":123456789012345678901234567890,\"l\":12345678901}}";
      });
      text.append(random.nextInt(8) == 0 ? "\r\n" : "\n");
    }
    if (random.nextBoolean() && text.length() > 0) {
      text.setLength(text.length() - 1); // no line feed at the end
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A pod create with {@code containers} containers: large when there are many. */
  private static String pod(String id, int containers) {
    StringBuilder c = new StringBuilder();
    for (int i = 0; i < containers; i++) {
      c.append(i == 0 ? "" : ",").append("{\"name\":\"c").append(i)
          .append("\",\"image\":\"nginx:1.").append(i)
          .append("\",\"securityContext\":{\"privileged\":true},\"env\":[{\"name\":\"A\"}]}");
    }
    return "{\"kind\":\"Event\",\"level\":\"RequestResponse\",\"auditID\":\"" + id + "\","
        + "\"stage\":\"ResponseComplete\",\"verb\":\"create\",\"user\":{\"username\":\"u\"},"
        + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"default\"},"
        + "\"requestObject\":{\"kind\":\"Pod\",\"spec\":{\"containers\":[" + c + "]}},"
        + "\"stageTimestamp\":\"2024-01-02T03:04:05.5Z\"}";
  }
}
