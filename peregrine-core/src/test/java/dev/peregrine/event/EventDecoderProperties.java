package dev.peregrine.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Any mix of valid events (as JSON lines, pretty-printed, EventLists or arrays) with bad lines
 * in between decodes to exactly the valid events, in order, and one error per bad line, on that
 * line, however the stream is cut into reads.
 */
class EventDecoderProperties {
  private static final String[] BAD = {
    "not json", "{\"kind\": 0}", "42", "{\"kind\":\"Pod\"}", "]", "{]", "\"text\"", "[}"
  };

  @Property(tries = 300)
  void validEventsSurviveBadLines(
      @ForAll @Size(max = 25) List<@IntRange(min = 0, max = 7) Integer> pieces,
      @ForAll @IntRange(min = 1, max = 10_000) int cut,
      @ForAll long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    List<String> expectedIds = new ArrayList<>();
    List<Long> badLines = new ArrayList<>();
    int next = 0;
    for (int piece : pieces) {
      long line = lines(text) + 1;
      if (piece < 4) {
        List<String> ids = new ArrayList<>();
        for (int n = piece < 2 ? 1 : 1 + random.nextInt(3); n > 0; n--) {
          ids.add("e" + next++);
        }
        expectedIds.addAll(ids);
        text.append(valid(piece, ids, random.nextBoolean()));
      } else if (piece == 4) {
        String whole = Decoded.event("x" + next++);
        text.append(whole, 0, 1 + (cut + random.nextInt(97)) % (whole.length() - 1));
        badLines.add(line);
      } else {
        text.append(BAD[random.nextInt(BAD.length)]);
        badLines.add(line);
      }
      text.append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    List<AuditEvent> events = new ArrayList<>();
    List<DecodeError> errors = new ArrayList<>();
    new EventDecoder()
        .decode(EventDecoderStreamTest.trickle(bytes, seed), "p", events::add, errors::add);

    assertThat(events).extracting(e -> e.get("auditID").asText()).isEqualTo(expectedIds);
    assertThat(errors).extracting(DecodeError::line).as(text.toString()).isEqualTo(badLines);
  }

  private static String valid(int form, List<String> ids, boolean multiLine) {
    List<String> items = ids.stream().map(Decoded::event).toList();
    String sep = multiLine ? ",\n  " : ",";
    return switch (form) {
      case 0 -> items.get(0);
      case 1 -> Decoded.pretty(ids.get(0));
      case 2 -> "{\"kind\":\"EventList\",\"items\":[" + (multiLine ? "\n  " : "")
          + String.join(sep, items.stream().map(i -> i.replace("\"kind\":\"Event\",", ""))
              .toList()) + "]}";
      default -> "[" + String.join(sep, items) + (multiLine ? "\n]" : "]");
    };
  }

  private static long lines(CharSequence text) {
    return text.chars().filter(c -> c == '\n').count();
  }
}
