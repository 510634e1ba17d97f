package dev.peregrine.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The byte scanner in front of the Jackson line path changes nothing: on generated audit lines
 * with every kind of JSON value (escapes, surrogates, multi-byte UTF-8, numbers of every form and
 * size, nesting, duplicate and empty keys) and on the same lines with random bytes changed,
 * inserted or removed, a decoder gives the same events (tree with node types, line, whole event),
 * the same errors and the same counts with the scanner as without it, with and without a
 * selection and with small limits. A line the scanner wrongly accepted, or read differently,
 * would show here as an event where Jackson reports an error, or as a different tree.
 */
class LineScannerProperties {
  private static final List<Selection> SELECTIONS = List.of(
      Selection.all(),
      Selection.of(List.of(List.of("verb"), List.of("user", "username"),
          List.of("objectRef", "resource"), List.of("requestObject", "spec", "containers", "image"),
          List.of("requestObject", "data"), List.of("annotations", "a\"b"))).withSource(),
      Selection.of(List.of(List.of("requestObject"), List.of("responseStatus", "code"))));

  private static final byte[] INTERESTING = "\"\\{}[],: \t\r\n0-+.eEu/tfn1".getBytes(
      StandardCharsets.ISO_8859_1);

  @Property(tries = 1500)
  void theScannerReadsWhatJacksonReads(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 2) int selection,
      @ForAll @IntRange(min = 0, max = 4) int mutations,
      @ForAll boolean smallLimits) {
    Random random = new Random(seed);
    byte[] bytes = mutate(lines(random), mutations, random);
    EventDecoder decoder = new EventDecoder(smallLimits ? new DecodeLimits(600)
        : DecodeLimits.defaults());
    if (smallLimits) {
      decoder = decoder.withJsonLimits(4, 40);
    }
    decoder = decoder.withSelection(SELECTIONS.get(selection));
    String text = new String(bytes, StandardCharsets.UTF_8);
    String expected = render(decoder.withoutScanner(), bytes);
    assertThat(render(decoder, bytes)).as(text).isEqualTo(expected);
    // from a stream, read through a window that makes room as it goes
    assertThat(render(decoder, new ByteArrayInputStream(bytes))).as(text).isEqualTo(expected);
  }

  @Test
  void scannerTakesOrdinaryLinesAndDeclinesWhatItMustNot() {
    LineScanner scanner =
        new LineScanner(EventNodes.INSTANCE, null, 1000, 1 << 20, 1 << 20);
    String[] taken = {
        "{\"kind\":\"Event\",\"verb\":\"get\",\"n\":[1,-2.5e3,true,null,{}]}\n",
        "{\"kind\":\"EventList\",\"items\":[{\"kind\":\"Event\"}]}\n",
        "  \t\r\n",
        "{ \"kind\" : \"Event\" , \"s\" : \"\\u00e9\\ud83d\\ude00 \u00e9\" }\r\n"};
    for (String line : taken) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      assertThat(scanner.scan(b, 0, b.length, false, 1)).as(line).isEqualTo(b.length);
    }
    String[] declined = {
        "{\"kind\":\"Event\",\"n\":01}\n",            // leading zero
        "{\"kind\":\"Event\",\"n\":1.}\n",            // no fraction digits
        "{\"kind\":\"Event\",\"s\":\"a\tb\"}\n",      // raw control character in a string
        "{\"kind\":\"Event\",\"s\":\"\\x\"}\n",       // unknown escape
        "{\"kind\":\"Event\",\"a\":[1,]}\n",          // trailing comma
        "{\"kind\":\"Event\"}\r{\"kind\":\"Event\"}\n", // lone carriage return
        "{\"kind\":\"Event\"} {\"kind\":\"Event\"}\n",  // two values on a line
        "{\"kind\":\"Pod\"}\n",                          // another kind
        "{\"verb\":\"get\",\"kind\":\"Event\"}\n",      // kind not first
        "{\"kind\":\"Event\",\"t\":tru}\n",           // broken literal
        "{\"kind\":\"Event\"}",                          // no line feed and not the last bytes
    };
    for (String line : declined) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      assertThat(scanner.scan(b, 0, b.length, false, 1)).as(line).isEqualTo(-1);
    }
    byte[][] badUtf8 = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80},
        {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
    for (byte[] bad : badUtf8) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes("{\"kind\":\"Event\",\"s\":\"".getBytes(StandardCharsets.UTF_8));
      out.writeBytes(bad);
      out.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
      byte[] b = out.toByteArray();
      assertThat(scanner.scan(b, 0, b.length, false, 1)).isEqualTo(-1);
    }
  }

  /**
   * Declining is always safe, so the comparison above cannot see a scanner that declines too
   * much: generated lines without escaped surrogates (which it declines in member names) must
   * all be taken, with each selection.
   */
  @Property(tries = 300)
  void theScannerTakesWellFormedLines(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 2) int selection) {
    String text = new String(lines(new Random(seed)), StandardCharsets.UTF_8);
    if (text.contains("\\ud8") || text.contains("\\udc")) {
      return;
    }
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    Selection sel = SELECTIONS.get(selection);
    LineScanner scanner = new LineScanner(EventNodes.INSTANCE, sel.keepsAll() ? null : sel,
        1000, 1 << 20, 1 << 20);
    int pos = 0;
    while (pos < b.length) {
      int next = scanner.scan(b, pos, b.length, true, 1);
      assertThat(next).as(new String(b, pos, b.length - pos, StandardCharsets.UTF_8))
          .isGreaterThan(pos);
      pos = next;
    }
  }

  /** The name cache tells apart names that share their length and first and last bytes. */
  @Test
  void namesThatShareTheirEndsStayApart() {
    List<String> names = List.of("aaaaaaaaXbbbbbbbb", "aaaaaaaaYbbbbbbbb", "aaaaaaaabbbbbbbb",
        "aaaaaaaébbbbbbbb", "aaaaaaaa", "aaaaaaa", "a", "");
    StringBuilder line = new StringBuilder(
        "{\"kind\":\"Event\",\"stageTimestamp\":\"2024-01-01T00:00:00Z\"");
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < names.size(); i++) {
        line.append(",\"o").append(round).append('_').append(i).append("\":{\"")
            .append(names.get(i)).append("\":1}");
      }
    }
    byte[] b = (line + "}\n").getBytes(StandardCharsets.UTF_8);
    EventDecoder decoder = new EventDecoder();
    assertThat(render(decoder, b)).isEqualTo(render(decoder.withoutScanner(), b))
        .contains("events=1");
    List<JsonNode> events = new java.util.ArrayList<>();
    decoder.decode(b, "t", e -> events.add(e.json()), e -> { });
    List<String> read = new java.util.ArrayList<>();
    events.get(0).properties().stream().filter(m -> m.getKey().startsWith("o"))
        .forEach(m -> m.getValue().fieldNames().forEachRemaining(read::add));
    List<String> twice = new java.util.ArrayList<>(names);
    twice.addAll(names);
    assertThat(read).isEqualTo(twice);
  }

  @Test
  void deepLinesAreLeftToJackson() {
    String deep = "[".repeat(LineScanner.MAX_DEPTH + 5) + "]".repeat(LineScanner.MAX_DEPTH + 5);
    byte[] b = ("{\"kind\":\"Event\",\"stageTimestamp\":\"2024-01-01T00:00:00Z\",\"x\":" + deep
        + "}\n").getBytes(StandardCharsets.UTF_8);
    LineScanner scanner =
        new LineScanner(EventNodes.INSTANCE, null, 100_000, 1 << 20, 1 << 20);
    assertThat(scanner.scan(b, 0, b.length, false, 1)).isEqualTo(-1);
    EventDecoder decoder = new EventDecoder().withJsonLimits(100_000, 1 << 20);
    assertThat(render(decoder, b)).isEqualTo(render(decoder.withoutScanner(), b))
        .contains("events=1");
  }

  private static String render(EventDecoder decoder, byte[] bytes) {
    return render(sink -> decoder.decode(bytes, "p", sink.events(), sink.errors()));
  }

  private static String render(EventDecoder decoder, InputStream in) {
    return render(sink -> decoder.decode(in, "p", sink.events(), sink.errors()));
  }

  private record Consumers(Consumer<AuditEvent> events, Consumer<DecodeError> errors) {}

  private static String render(Function<Consumers, DecodeStats> decode) {
    StringBuilder out = new StringBuilder();
    DecodeStats stats = decode.apply(new Consumers(e -> {
      out.append('@').append(e.line()).append(' ').append(e.timeNanos()).append(' ');
      typed(e.json(), out);
      out.append(" whole=");
      if (e.whole() == null) {
        out.append('-');
      } else {
        typed(e.full().json(), out);
      }
      out.append('\n');
    }, e -> out.append(e.render()).append('\n')));
    return out.append(stats).toString();
  }

  /**
   * The tree with each node's type, so that an int read as a long would differ (a string held
   * as its bytes counts as a string).
   */
  private static void typed(JsonNode node, StringBuilder out) {
    out.append(node instanceof BytesText ? "TextNode" : node.getClass().getSimpleName())
        .append(':');
    if (node.isObject()) {
      out.append('{');
      for (Map.Entry<String, JsonNode> m : node.properties()) {
        out.append(m.getKey()).append('=');
        typed(m.getValue(), out);
        out.append(',');
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (JsonNode e : node) {
        typed(e, out);
        out.append(',');
      }
      out.append(']');
    } else {
      out.append(node.toString());
    }
  }

  private static byte[] lines(Random r) {
    StringBuilder out = new StringBuilder();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      if (r.nextInt(6) == 0) {
        out.append("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",");
        if (r.nextBoolean()) {
          out.append("\"metadata\":").append(value(r, 2)).append(',');
        }
        out.append("\"items\":[");
        int items = r.nextInt(3);
        for (int k = 0; k < items; k++) {
          out.append(k == 0 ? "" : ",").append(event(r, false));
        }
        out.append("]}");
      } else {
        out.append(event(r, true));
      }
      out.append(r.nextInt(8) == 0 ? " \r\n" : "\n");
      if (r.nextInt(8) == 0) {
        out.append(" \n");
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String event(Random r, boolean kindFirst) {
    StringBuilder o = new StringBuilder("{");
    if (kindFirst) {
      o.append("\"kind\":\"Event\",");
    }
    o.append("\"apiVersion\":\"audit.k8s.io/v1\",\"auditID\":\"").append(r.nextInt(1000))
        .append("\",\"stage\":\"ResponseComplete\",\"stageTimestamp\":\"2024-05-01T10:00:0")
        .append(r.nextInt(10)).append(".12345Z\"");
    String[] members = {"verb", "user", "objectRef", "requestObject", "responseObject",
        "annotations", "responseStatus", "sourceIPs", "extra", "", "verb"};
    int n = r.nextInt(7);
    for (int i = 0; i < n; i++) {
      String name = members[r.nextInt(members.length)];
      o.append(",\"").append(name).append("\":").append(member(name, r));
    }
    if (!kindFirst) {
      o.append(",\"kind\":\"Event\"");
    }
    return o.append('}').toString();
  }

  private static String member(String name, Random r) {
    return switch (name) {
      case "verb" -> r.nextBoolean() ? "\"get\"" : value(r, 0);
      case "user" -> "{\"username\":" + string(r) + ",\"groups\":" + value(r, 1) + "}";
      case "objectRef" -> "{\"resource\":\"pods\",\"namespace\":" + string(r) + "}";
      case "requestObject" -> "{\"spec\":{\"containers\":[{\"image\":" + string(r)
          + ",\"x\":" + value(r, 2) + "}]},\"data\":" + value(r, 2) + "}";
      case "annotations" -> "{\"a\\\"b\":" + string(r) + ",\"c\":" + value(r, 1) + "}";
      default -> value(r, 3);
    };
  }

  private static String value(Random r, int depth) {
    int k = r.nextInt(depth > 0 ? 9 : 6);
    switch (k) {
      case 0, 1 -> {
        return string(r);
      }
      case 2 -> {
        return number(r);
      }
      case 3 -> {
        return r.nextBoolean() ? "true" : "false";
      }
      case 4 -> {
        return "null";
      }
      case 5 -> {
        return string(r);
      }
      case 6, 7 -> {
        StringBuilder o = new StringBuilder("{");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          o.append(i == 0 ? "" : ",").append(r.nextInt(5) == 0 ? "\"k\"" : string(r))
              .append(r.nextInt(10) == 0 ? " : " : ":").append(value(r, depth - 1));
        }
        return o.append('}').toString();
      }
      default -> {
        StringBuilder a = new StringBuilder("[");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          a.append(i == 0 ? "" : r.nextInt(10) == 0 ? " , " : ",").append(value(r, depth - 1));
        }
        return a.append(']').toString();
      }
    }
  }

  private static String number(Random r) {
    String[] forms = {"0", "-0", "7", "-12", "2147483647", "2147483648", "-2147483648",
        "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "123456789012345678901234567890", "1.5", "-0.0", "1e5", "1E+5",
        "2.50e-3", "1.0", "0.1000", "-1e-400", "12345678901234567890.5"};
    return r.nextInt(3) == 0 ? Long.toString(r.nextLong()) : forms[r.nextInt(forms.length)];
  }

  private static String string(Random r) {
    String[] parts = {"a", "pods", "é", "日本", "😀", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\b",
        "\\f", "\\r", "\\u00e9", "\\u0000", "\\ud83d\\ude00", "\\ud800", "\\udc00x", "\\u003c",
        "\u007f", " ", "kind", "system:serviceaccount:kube-system:x", "0123456789abcdef"};
    StringBuilder s = new StringBuilder("\"");
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      s.append(parts[r.nextInt(parts.length)]);
    }
    return s.append('"').toString();
  }

  /** Changes, inserts or removes {@code n} random bytes. */
  private static byte[] mutate(byte[] bytes, int n, Random r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] b = bytes;
    for (int m = 0; m < n && b.length > 0; m++) {
      int at = r.nextInt(b.length);
      byte with = r.nextInt(3) == 0 ? (byte) r.nextInt(256)
          : INTERESTING[r.nextInt(INTERESTING.length)];
      out.reset();
      switch (r.nextInt(3)) {
        case 0 -> {
          b = b.clone();
          b[at] = with;
          continue;
        }
        case 1 -> {
          out.write(b, 0, at);
          out.write(with);
          out.write(b, at, b.length - at);
        }
        default -> {
          out.write(b, 0, at);
          out.write(b, at + 1, b.length - at - 1);
        }
      }
      b = out.toByteArray();
    }
    return b;
  }
}
