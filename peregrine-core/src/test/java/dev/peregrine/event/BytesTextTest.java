package dev.peregrine.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BytesTextTest {
  private static BytesText held(String s) {
    byte[] inner = s.getBytes(StandardCharsets.UTF_8);
    byte[] b = new byte[inner.length + 4];
    System.arraycopy(inner, 0, b, 2, inner.length);
    return new BytesText(b, 2, 2 + inner.length, false, s.chars().allMatch(c -> c < 0x80),
        false);
  }

  @Test
  void behavesAsATextNodeOfItsText() throws Exception {
    for (String s : List.of("", "get", "0x1F", "42", "-7", "2.5", "true", "日本 😀", "aGk=")) {
      BytesText b = held(s);
      TextNode t = TextNode.valueOf(s);
      assertThat(b.getNodeType()).isEqualTo(JsonNodeType.STRING);
      assertThat(b.isTextual()).isTrue();
      assertThat(b.asToken()).isEqualTo(t.asToken());
      assertThat(b.textValue()).isEqualTo(s).isSameAs(b.textValue());
      assertThat(b.asText()).isEqualTo(t.asText());
      assertThat(b.asText("x")).isEqualTo(t.asText("x"));
      assertThat(b.asInt(9)).isEqualTo(t.asInt(9));
      assertThat(b.asLong(9)).isEqualTo(t.asLong(9));
      assertThat(b.asDouble(9)).isEqualTo(t.asDouble(9));
      assertThat(b.asBoolean(false)).isEqualTo(t.asBoolean(false));
      assertThat(b.toString()).isEqualTo(t.toString());
      assertThat(Json.mapper().writeValueAsString(b)).isEqualTo(Json.mapper().writeValueAsString(t));
      assertThat(b).isEqualTo(t).hasSameHashCodeAs(t).isEqualTo(held(s));
      assertThat(b).isNotEqualTo(TextNode.valueOf(s + "x"));
    }
    assertThat(held("aGk=").binaryValue()).isEqualTo("hi".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void decodedEventsHoldTheirStringsSoAndReadAsWritten() throws Exception {
    byte[] line = ("{\"kind\":\"Event\",\"stageTimestamp\":\"2024-05-01T10:00:00Z\","
        + "\"verb\":\"get\",\"user\":{\"username\":\"ana \\\"q\\\"\",\"groups\":[\"é\"]}}\n")
        .getBytes(StandardCharsets.UTF_8);
    List<JsonNode> events = new ArrayList<>();
    new EventDecoder().decode(line, "t", e -> events.add(e.json()), e -> { });
    ObjectNode o = (ObjectNode) events.get(0);
    assertThat(o.get("verb")).isInstanceOf(BytesText.class);
    assertThat(o.get("user").get("username")).isInstanceOf(BytesText.class);
    assertThat(o.at("/user/username").textValue()).isEqualTo("ana \"q\"");
    assertThat(o.at("/user/groups/0").textValue()).isEqualTo("é");
    assertThat(Json.mapper().writeValueAsString(o)).isEqualTo(new String(line,
        StandardCharsets.UTF_8).trim());
    List<JsonNode> streamed = new ArrayList<>();
    new EventDecoder().decode(new ByteArrayInputStream(line), "t", e -> streamed.add(e.json()),
        e -> { });
    assertThat(streamed.get(0).get("verb")).isInstanceOf(BytesText.class);
  }

  /**
   * Events read from a stream keep referring to the bytes they were read from after the stream
   * has moved on (the window moves what it keeps into new arrays, never within its own): their
   * strings and their rebuilt whole text are still right once everything has been read.
   */
  @Test
  void eventsFromAStreamStayRightAfterTheStreamMovesOn() {
    StringBuilder text = new StringBuilder();
    int n = 3000; // about 400 KB: the window makes room many times
    for (int i = 0; i < n; i++) {
      text.append("{\"kind\":\"Event\",\"auditID\":\"id-").append(i)
          .append("\",\"stage\":\"ResponseComplete\",\"stageTimestamp\":")
          .append("\"2024-05-01T10:00:00Z\",\"verb\":\"v").append(i)
          .append("\",\"user\":{\"username\":\"u\\\"").append(i).append("\"},")
          .append("\"requestObject\":{\"pad\":\"").append("x".repeat(i % 50))
          .append("\"}}\n");
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    InputStream dribble = new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 777)); // small, uneven reads
      }
    };
    List<AuditEvent> events = new ArrayList<>();
    EventDecoder decoder = new EventDecoder().withSelection(Selection.of(
        List.of(List.of("verb"), List.of("user", "username"))).withSource());
    decoder.decode(dribble, "s", events::add, e -> { throw new AssertionError(e.render()); });
    assertThat(events).hasSize(n);
    String[] lines = text.toString().split("\n");
    for (int i = 0; i < n; i++) {
      AuditEvent e = events.get(i);
      assertThat(e.json().get("verb").textValue()).isEqualTo("v" + i);
      assertThat(e.json().at("/user/username").textValue()).isEqualTo("u\"" + i);
      assertThat(e.json().get("requestObject")).isNull(); // left out, rebuilt below
      assertThat(e.full().json().toString()).isEqualTo(lines[i]);
    }
  }

  @Test
  void escapesReadAsJacksonReadsThem() throws Exception {
    for (String json : List.of("\"a\\\"b\\\\c\\/d\"", "\"\\b\\f\\n\\r\\t\"",
        "\"\\u0000\\u007f\\u0080\\u07ff\\u0800\\uFFFF\\u00e9é\"",
        "\"x\\ud83d\\ude00y\"", "\"lone \\ud800 \\udfff\"", "\"日本\\n語\"")) {
      byte[] line = ("{\"kind\":\"Event\",\"stageTimestamp\":\"2024-05-01T10:00:00Z\",\"s\":"
          + json + "}\n").getBytes(StandardCharsets.UTF_8);
      List<JsonNode> events = new ArrayList<>();
      new EventDecoder().decode(line, "t", e -> events.add(e.json()), e -> { });
      JsonNode s = events.get(0).get("s");
      assertThat(s).as(json).isInstanceOf(BytesText.class);
      assertThat(s.textValue()).as(json).isEqualTo(Json.mapper().readTree(json).textValue());
    }
  }

  @Test
  void javaSerializationWritesATextNode() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(held("pods"));
    }
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(TextNode.valueOf("pods"));
    }
  }
}
