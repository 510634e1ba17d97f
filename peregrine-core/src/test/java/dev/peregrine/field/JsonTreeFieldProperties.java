package dev.peregrine.field;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.AuditEvent;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonTreeField#containsAny} answers exactly what searching the rendered text answers, for
 * {@code jevt.value} and for {@code ka.*} path fields, on random trees whose names and strings
 * mix tokens with quotes, backslashes, control characters, U+0000 and JSON punctuation.
 */
class JsonTreeFieldProperties {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** Tokens that occur whole, inside escapes ({@code u0000}, {@code n}), in literals and never. */
  private static final List<List<String>> TOKENS = List.of(List.of("hostPort"), List.of("a"),
      List.of("Port", "x y"), List.of("ostP"), List.of("u0000"), List.of("n"), List.of("true"),
      List.of("null", "50"), List.of("E+5"), List.of("1.5"), List.of("password", "passphrase"),
      List.of("x y", "host"), List.of("zzz"), List.of("001F"), List.of("1F", "zzz"),
      List.of("t"), List.of("u001"), List.of("F"), List.of("f"), List.of("r"), List.of("b"));
  private static final FieldRegistry REGISTRY = FieldRegistry.standard(ZoneOffset.UTC, "h");

  @Property(tries = 1000)
  void sameAsSearchingTheText(@ForAll long seed) {
    compare(seed);
  }

  @Test
  void randomTrees_coverBothOutcomes() {
    int[] outcomes = JsonValueProperties.outcomes(JsonTreeFieldProperties::compare);
    assertThat(outcomes[0]).as("not found").isGreaterThan(1000);
    assertThat(outcomes[1]).as("found").isGreaterThan(1000);
  }

  /** Checks every token set on the tree of {@code seed}; counts [not found, found]. */
  private static int[] compare(long seed) {
    Random r = new Random(seed);
    ObjectNode event = F.objectNode().put("auditID", "1");
    event.putObject("requestObject").set("data", JsonValueProperties.container(r, 3));
    AuditEvent e = new AuditEvent(event, 0, "test", 1);
    AuditEvent decoded = JsonValueProperties.decoded(event);
    int[] outcomes = new int[2];
    for (String name : List.of("jevt.value[/requestObject/data]", "ka.req.configmap.obj")) {
      JsonTreeField field = field(name);
      String text = field.string(e);
      assertThat(text).doesNotContain("\u0000");
      for (List<String> tokens : TOKENS) {
        tokens.forEach(t -> assertThat(JsonValue.searchable(t)).isTrue());
        boolean expected = tokens.stream().anyMatch(text::contains);
        assertThat(field.containsAny(e, SearchTokens.of(tokens.toArray(String[]::new))))
            .as("%s: %s in %s", name, tokens, text).isEqualTo(expected);
        assertThat(field.containsAny(decoded, SearchTokens.of(tokens.toArray(String[]::new))))
            .as("decoded %s: %s in %s", name, tokens, text).isEqualTo(expected);
        outcomes[expected ? 1 : 0]++;
      }
    }
    return outcomes;
  }

  private static JsonTreeField field(String token) {
    int b = token.indexOf('[');
    String name = b < 0 ? token : token.substring(0, b);
    String arg = b < 0 ? null : token.substring(b + 1, token.length() - 1);
    return (JsonTreeField) REGISTRY.find(name).orElseThrow().bind(arg);
  }

  /** The search relies on knowing what the encoder writes after a backslash. */
  @Test
  void escapeTailsAreWhatTheEncoderWrites() {
    for (char c = 0; c < 0x20; c++) {
      String text = JsonText.compact(F.arrayNode().add(String.valueOf(c)));
      assertThat(text).startsWith("[\"\\");
      for (char t : text.substring(3, text.length() - 2).toCharArray()) {
        assertThat(JsonText.ESCAPE_TAILS).as("%s", text).contains(String.valueOf(t));
      }
    }
  }

  @Test
  void absentIsFalse_scalarsAreLeftToTheCaller() {
    SearchTokens tokens = SearchTokens.of("password");
    ObjectNode withId = F.objectNode().put("auditID", "1");
    withId.putObject("requestObject").put("data", "password");
    ObjectNode withoutId = withId.deepCopy();
    withoutId.remove("auditID");
    JsonTreeField obj = field("ka.req.configmap.obj");
    assertThat(obj.containsAny(new AuditEvent(withId, 0, "t", 1), tokens)).isNull();
    assertThat(obj.containsAny(new AuditEvent(withoutId, 0, "t", 1), tokens)).isFalse();
    assertThat(obj.string(new AuditEvent(withoutId, 0, "t", 1))).isNull();
    assertThat(obj.containsAny(new AuditEvent(F.objectNode().put("auditID", "1"), 0, "t", 1),
        tokens)).isFalse();
    assertThat(field("jevt.value[/requestObject/data]")
        .containsAny(new AuditEvent(withoutId, 0, "t", 1), tokens)).isNull();
  }
}
