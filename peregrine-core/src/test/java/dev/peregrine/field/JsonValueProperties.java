package dev.peregrine.field;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.EventDecoder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonValue#containsQuoted} answers exactly what searching the rendered text for the
 * quoted token answers, on random trees whose names and strings mix the token with quotes,
 * backslashes, control characters, U+0000 and JSON punctuation.
 */
class JsonValueProperties {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final List<String> PIECES = List.of("hostPort", "\"", "\\", "\n", "\u0000", "a",
      "Port", "host", ":", ",", "{", "]", "é", "\"hostPort", "hostPort\"", "\\\"", " ", "x y",
      "\u001f", "\t", "\r", "\b", "\f");
  private static final List<String> TOKENS = List.of("hostPort", "a", "Port", "x y", "host",
      "ostP", "é", "a\"b", "", "x:y", "\\", "n", "u0000", "0", "y");

  @Property(tries = 1000)
  void sameAsSearchingTheText(@ForAll long seed) {
    compare(seed);
  }

  @Test
  void randomTrees_coverBothOutcomes() {
    int[] outcomes = outcomes(JsonValueProperties::compare);
    assertThat(outcomes[0]).as("not found").isGreaterThan(1000);
    assertThat(outcomes[1]).as("found").isGreaterThan(100);
  }

  /** [not found, found] of {@code compare} summed over seeds 0 to 2999. */
  static int[] outcomes(LongFunction<int[]> compare) {
    int[] outcomes = new int[2];
    for (long seed = 0; seed < 3000; seed++) {
      int[] o = compare.apply(seed);
      outcomes[0] += o[0];
      outcomes[1] += o[1];
    }
    return outcomes;
  }

  /** Checks every searchable token on the tree of {@code seed}; counts [not found, found]. */
  private static int[] compare(long seed) {
    Random r = new Random(seed);
    ObjectNode event = F.objectNode();
    event.set("v", container(r, 3));
    JsonValue field = (JsonValue) JsonFields.pointer("/v");
    AuditEvent e = new AuditEvent(event, 0, "test", 1);
    AuditEvent decoded = decoded(event);
    String text = field.string(e);
    assertThat(text).doesNotContain("\u0000");
    int[] outcomes = new int[2];
    for (String token : TOKENS) {
      if (!JsonValue.searchable(token)) {
        continue;
      }
      boolean expected = text.contains("\"" + token + "\"");
      assertThat(field.containsQuoted(e, token)).as("%s in %s", token, text).isEqualTo(expected);
      assertThat(field.containsQuoted(decoded, token)).as("decoded: %s in %s", token, text)
          .isEqualTo(expected);
      outcomes[expected ? 1 : 0]++;
    }
    return outcomes;
  }

  /**
   * {@code event} as a decoder makes it of its text (which holds strings as their bytes), so
   * that searches are checked on those too.
   */
  static AuditEvent decoded(ObjectNode event) {
    ObjectNode line = F.objectNode().put("kind", "Event")
        .put("stageTimestamp", "2024-05-01T10:00:00Z");
    line.setAll(event);
    List<AuditEvent> out = new ArrayList<>();
    new EventDecoder().decode((line + "\n").getBytes(StandardCharsets.UTF_8), "test", out::add,
        err -> { throw new AssertionError(err.render()); });
    return out.get(0);
  }

  @Test
  void absentIsFalse_scalarsAreLeftToTheCaller() {
    ObjectNode event = F.objectNode().put("s", "\"hostPort\"").put("n", 1);
    AuditEvent e = new AuditEvent(event, 0, "test", 1);
    assertThat(((JsonValue) JsonFields.pointer("/missing")).containsQuoted(e, "hostPort"))
        .isFalse();
    assertThat(((JsonValue) JsonFields.pointer("/s")).containsQuoted(e, "hostPort")).isNull();
    assertThat(((JsonValue) JsonFields.pointer("/n")).containsQuoted(e, "hostPort")).isNull();
  }

  @Test
  void searchableTokens() {
    assertThat(JsonValue.searchable("hostPort")).isTrue();
    assertThat(JsonValue.searchable("a b-c_d/e")).isTrue();
    for (String t : List.of("", "a\"b", "a\\b", "a:b", "a,b", "{", "}", "[", "]", "é", "a\tb")) {
      assertThat(JsonValue.searchable(t)).as(t).isFalse();
    }
  }

  static JsonNode container(Random r, int depth) {
    if (r.nextBoolean()) {
      ObjectNode o = F.objectNode();
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        o.set(string(r), value(r, depth - 1));
      }
      return o;
    }
    ArrayNode a = F.arrayNode();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      a.add(value(r, depth - 1));
    }
    return a;
  }

  private static JsonNode value(Random r, int depth) {
    return switch (r.nextInt(depth > 0 ? 7 : 5)) {
      case 0 -> F.textNode(string(r));
      case 1 -> F.numberNode(r.nextInt(100));
      case 2 -> r.nextBoolean() ? F.numberNode(new BigDecimal("1.50"))
          : F.numberNode(new BigDecimal("1E+5"));
      case 3 -> r.nextBoolean() ? F.booleanNode(r.nextBoolean()) : F.nullNode();
      case 4 -> F.textNode(string(r));
      default -> container(r, depth);
    };
  }

  private static String string(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES.get(r.nextInt(PIECES.size())));
    }
    return sb.toString();
  }
}
