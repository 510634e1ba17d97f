package dev.peregrine.event;

import static dev.peregrine.event.Decoded.event;
import static dev.peregrine.event.Decoded.pretty;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventDecoderTest {
  private static final String NOT_EVENT = "data not recognized as a k8s audit event";

  @Test
  void jsonLinesWithBlankLines() {
    Decoded d = Decoded.of(event("a") + "\n\n" + event("b") + "\n   \n" + event("c") + "\n");
    assertThat(d.ids()).containsExactly("a", "b", "c");
    assertThat(d.errors()).isEmpty();
    assertThat(d.events()).extracting(AuditEvent::line).containsExactly(1L, 3L, 5L);
    assertThat(d.events()).extracting(AuditEvent::origin).containsOnly("in");
  }

  @Test
  void eventTimeIsStageTimestamp() {
    Decoded d = Decoded.of(event("a"));
    assertThat(d.events().get(0).timeNanos()).isEqualTo(1704164645_123456000L);
  }

  @Test
  void prettyPrintedAndConcatenatedValues() {
    Decoded d = Decoded.of(pretty("a") + "\n" + event("b") + event("c") + " " + pretty("d"));
    assertThat(d.ids()).containsExactly("a", "b", "c", "d");
    assertThat(d.events()).extracting(AuditEvent::line).containsExactly(1L, 10L, 10L, 10L);
    assertThat(d.errors()).isEmpty();
  }

  @Test
  void truncatedLineDoesNotTakeFollowingLines() {
    String cut = event("x").substring(0, 60);
    Decoded d = Decoded.of(event("a") + "\n" + cut + "\n" + event("b") + "\n" + pretty("c"));
    assertThat(d.ids()).containsExactly("a", "b", "c");
    assertThat(d.errors()).hasSize(1);
    assertThat(d.errors().get(0).line()).isEqualTo(2);
    assertThat(d.errors().get(0).reason()).startsWith("invalid JSON: ");
  }

  @Test
  void truncatedAfterColonResyncsAtNextLine() {
    Decoded d = Decoded.of("{\"kind\":\"Event\",\"user\":\n" + event("b") + "\n" + event("c"));
    assertThat(d.ids()).containsExactly("b", "c");
    assertThat(d.rendered()).singleElement().asString().startsWith("in:1: invalid JSON: ")
        .contains("(line 3, column");
  }

  @Test
  void truncatedLastLine() {
    Decoded d = Decoded.of(event("a") + "\n" + event("b").substring(0, 100));
    assertThat(d.ids()).containsExactly("a");
    assertThat(d.rendered()).singleElement().asString().startsWith("in:2: invalid JSON: ");
  }

  @Test
  void garbageLines() {
    Decoded d = Decoded.of("hello world\n" + event("a") + "\n]\n}\n,\n" + event("b") + "\n");
    assertThat(d.ids()).containsExactly("a", "b");
    assertThat(d.errors()).extracting(DecodeError::line).containsExactly(1L, 3L, 4L, 5L);
  }

  @Test
  void kindZeroIsNotAnEvent() {
    Decoded d = Decoded.of("{\"kind\": 0}");
    assertThat(d.rendered()).containsExactly("in:1: " + NOT_EVENT);
    assertThat(d.stats()).isEqualTo(new DecodeStats(0, 1, 11));
  }

  @Test
  void otherValuesAreNotEvents() {
    Decoded d = Decoded.of("{\"kind\":\"Pod\"}\n{\"kind\":\"EventList\"}\n42\n\"s\"\nnull\n{}\n");
    assertThat(d.errors()).extracting(DecodeError::reason).containsOnly(NOT_EVENT);
    assertThat(d.errors()).extracting(DecodeError::line).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void stageTimestampMissingOrBad() {
    String noTs = "{\"kind\":\"Event\",\"auditID\":\"n\"}";
    String badTs = "{\"kind\":\"Event\",\"auditID\":\"b\",\"stageTimestamp\":\"yesterday\"}";
    String numTs = "{\"kind\":\"Event\",\"auditID\":\"b\",\"stageTimestamp\":5}";
    Decoded d = Decoded.of(noTs + "\n" + badTs + "\n" + numTs);
    assertThat(d.rendered())
        .containsExactly(
            "in:1: can't read stageTimestamp",
            "in:2: can't parse stageTimestamp \"yesterday\" as RFC 3339",
            "in:3: can't read stageTimestamp");
  }

  @Test
  void apiVersionIsNotCheckedAndKindMayBeAbsent() {
    String beta = event("a").replace("audit.k8s.io/v1", "audit.k8s.io/v1beta1");
    String none = event("b").replace("\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",", "");
    String kindOnly = "{\"kind\":\"Event\",\"stageTimestamp\":\"2024-01-01T00:00:00+02:00\"}";
    Decoded d = Decoded.of(beta + "\n" + none + "\n" + kindOnly);
    assertThat(d.errors()).isEmpty();
    assertThat(d.events()).hasSize(3);
    assertThat(d.events().get(2).timeNanos()).isEqualTo(1704060000_000000000L);
  }

  @Test
  void noKindNeedsAuditIdAndStage() {
    Decoded d = Decoded.of("{\"auditID\":\"a\",\"stageTimestamp\":\"2024-01-01T00:00:00Z\"}");
    assertThat(d.rendered()).containsExactly("in:1: " + NOT_EVENT);
  }

  @Test
  void eventList() {
    String list = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},"
        + "\"items\":[" + event("a") + "," + event("b").replace("\"kind\":\"Event\",", "")
        + "]}";
    Decoded d = Decoded.of(list + "\n" + event("c"));
    assertThat(d.ids()).containsExactly("a", "b", "c");
    assertThat(d.errors()).isEmpty();
  }

  @Test
  void eventListBadItemsKeepNeighbours() {
    String list = "{\"kind\":\"EventList\",\"items\":[\n" + event("a") + ",\n"
        + "{\"auditID\":\"x\"},\n7,\n" + event("b") + ",\n"
        + "{\"kind\":\"Pod\",\"stageTimestamp\":\"2024-01-01T00:00:00Z\",\"auditID\":\"p\"}"
        + "],\"tail\":{\"x\":[1]}}";
    Decoded d = Decoded.of(list);
    assertThat(d.ids()).containsExactly("a", "b", "p");
    assertThat(d.rendered())
        .containsExactly("in:3: can't read stageTimestamp at items[1]", "in:4: " + NOT_EVENT
            + " at items[2]");
  }

  @Test
  void eventListWithItemsBeforeKind() {
    String list = "{\"items\":[" + event("a") + ",1],\"kind\":\"EventList\"}";
    Decoded d = Decoded.of(list);
    assertThat(d.ids()).containsExactly("a");
    assertThat(d.rendered()).containsExactly("in:1: " + NOT_EVENT + " at items[1]");
  }

  @Test
  void nestedArrays() {
    String list = "{\"kind\":\"EventList\",\"items\":[" + event("b") + ",{}]}";
    String text = "[\n" + event("a") + ",\n" + list + ",\n[" + event("c") + ", \"s\"],\n{}\n]";
    Decoded d = Decoded.of(text);
    assertThat(d.ids()).containsExactly("a", "b", "c");
    assertThat(d.rendered())
        .containsExactly(
            "in:3: can't read stageTimestamp at [1].items[1]",
            "in:4: " + NOT_EVENT + " at [2][1]",
            "in:5: " + NOT_EVENT + " at [3]");
  }

  @Test
  void sizeLimit() {
    String big = event("big").replace("alice", "a".repeat(5000));
    String text = event("a") + "\n" + big + "\n" + event("b") + "\n" + pretty("c");
    Decoded d = Decoded.of(text.getBytes(), new DecodeLimits(1000));
    assertThat(d.ids()).containsExactly("a", "b", "c");
    assertThat(d.rendered()).containsExactly("in:2: event larger than max event size (1000 bytes)");
  }

  @Test
  void sizeLimitAcrossChunks() {
    String big = event("big").replace("alice", "a".repeat(300_000));
    String nested = "{\"kind\":\"Event\",\"x\":[" + "[1,{\"a\":2}],".repeat(40_000) + "0]}";
    String list = "{\"kind\":\"EventList\",\"items\":[" + event("l") + "," + nested + ","
        + event("m") + "]}";
    String text = event("a") + "\n" + big + "\n" + list + "\n" + event("b");
    Decoded d = Decoded.of(text.getBytes(), new DecodeLimits(100_000));
    assertThat(d.ids()).containsExactly("a", "l", "m", "b");
    assertThat(d.rendered())
        .containsExactly(
            "in:2: event larger than max event size (100000 bytes)",
            "in:3: event larger than max event size (100000 bytes) at items[1]");
  }

  @Test
  void bomAndStats() {
    byte[] body = ("\uFEFF" + event("a") + "\n").getBytes();
    Decoded d = Decoded.of(body, DecodeLimits.defaults());
    assertThat(d.ids()).containsExactly("a");
    assertThat(d.stats().events()).isEqualTo(1);
    assertThat(d.stats().bytes()).isEqualTo(body.length - 3);
  }

  @Test
  void keyOrderAndExactNumbersKept() throws Exception {
    String text = "{\"stageTimestamp\":\"2024-01-01T00:00:00Z\",\"kind\":\"Event\",\"z\":1.50,"
        + "\"a\":12345678901234567890,\"m\":{\"y\":true,\"b\":null}}";
    AuditEvent e = Decoded.of(text).events().get(0);
    assertThat(Json.mapper().writeValueAsString(e.json())).isEqualTo(text);
    assertThat(e.json()).isEqualTo(Json.mapper().readTree(text));
  }
}
