package dev.peregrine.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
  private static final List<String> KEYS = List.of("get", "ResponseComplete", "200", "007",
      "-3", "9223372036854775807", "configmaps", "system:serviceaccount:kube-system:x", "é");
  private static final TextTable TABLE = new TextTable(KEYS);

  /** The string node a decoder makes of {@code json} (a JSON string literal) in place. */
  private static JsonNode decoded(String json) {
    byte[] line = ("{\"kind\":\"Event\",\"stageTimestamp\":\"2024-05-01T10:00:00Z\",\"v\":" + json
        + "}\n").getBytes(StandardCharsets.UTF_8);
    List<JsonNode> events = new ArrayList<>();
    new EventDecoder().decode(line, "t", e -> events.add(e.json()), e -> { });
    return events.get(0).get("v");
  }

  @Test
  void stringsHeldAsBytesAreFoundByTheirBytes() {
    for (int i = 0; i < KEYS.size(); i++) {
      JsonNode node = decoded(TextNode.valueOf(KEYS.get(i)).toString());
      assertThat(node).isInstanceOf(BytesText.class);
      assertThat(TABLE.find(node)).as(KEYS.get(i)).isEqualTo(i);
    }
    for (String other : List.of("", "ge", "gets", "GET", "Get", "ResponseCompletf", "e")) {
      assertThat(TABLE.find(decoded(TextNode.valueOf(other).toString()))).as(other)
          .isEqualTo(TextTable.MISSING);
    }
  }

  @Test
  void escapedStringsAndOtherNodesAreLeftToTheCaller() {
    // an escape may stand for U+0000, which compares as the end of a C string
    assertThat(TABLE.find(decoded("\"g\\u0065t\""))).isEqualTo(TextTable.UNKNOWN);
    assertThat(TABLE.find(decoded("\"get\\u0000x\""))).isEqualTo(TextTable.UNKNOWN);
    assertThat(TABLE.find(TextNode.valueOf("get"))).isEqualTo(TextTable.UNKNOWN);
    assertThat(TABLE.find(new DecimalNode(new BigDecimal("200")))).isEqualTo(TextTable.UNKNOWN);
    assertThat(TABLE.find(BigIntegerNode.valueOf(BigInteger.TWO))).isEqualTo(TextTable.UNKNOWN);
  }

  @Test
  void textsAreFoundByThemselves_aKeyGivenTwiceAtItsFirstPlace() {
    for (int i = 0; i < KEYS.size(); i++) {
      assertThat(TABLE.find(KEYS.get(i))).isEqualTo(i);
    }
    assertThat(TABLE.find("GET")).isEqualTo(TextTable.MISSING);
    TextTable twice = new TextTable(List.of("a", "b", "a"));
    assertThat(twice.find("a")).isZero();
    assertThat(twice.find(decoded("\"a\""))).isZero();
    assertThat(twice.find(decoded("\"b\""))).isEqualTo(1);
  }

  @Test
  void integersMatchOnlyKeysThatAreTheirText() {
    assertThat(TABLE.find(IntNode.valueOf(200))).isEqualTo(2);
    assertThat(TABLE.find(IntNode.valueOf(-3))).isEqualTo(4);
    assertThat(TABLE.find(LongNode.valueOf(Long.MAX_VALUE))).isEqualTo(5);
    assertThat(TABLE.find(IntNode.valueOf(7))).as("\"007\" is not 7's text")
        .isEqualTo(TextTable.MISSING);
    assertThat(TABLE.find(IntNode.valueOf(201))).isEqualTo(TextTable.MISSING);
    assertThat(TABLE.find(decoded("200"))).isEqualTo(2);
  }
}
