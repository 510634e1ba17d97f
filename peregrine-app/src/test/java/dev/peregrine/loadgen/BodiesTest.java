package dev.peregrine.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.event.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BodiesTest {
  static byte[] event(String id, String stage) {
    return ("{\"level\":\"Metadata\",\"auditID\":\"" + id + "\",\"stage\":\"" + stage + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void batches_cycleThePool_withFreshAuditIdsAfterTheFirstCycle() throws Exception {
    Bodies b = new Bodies(List.of(
        event("11111111-aaaa-bbbb-cccc-000000000001", "RequestReceived"),
        event("11111111-aaaa-bbbb-cccc-000000000001", "ResponseComplete"),
        event("22222222-aaaa-bbbb-cccc-000000000002", "ResponseComplete")), 7, 3);
    assertThat(b.count()).isEqualTo(3);
    assertThat(b.size(2)).isEqualTo(1);
    Set<String> pairs = new HashSet<>();
    for (long k = 0; k < b.count(); k++) {
      JsonNode list = Json.mapper().readTree(b.body(k));
      assertThat(list.path("kind").asText()).isEqualTo("EventList");
      for (JsonNode e : list.get("items")) {
        assertThat(pairs.add(e.get("auditID").asText() + "/" + e.get("stage").asText())).isTrue();
      }
    }
    assertThat(pairs).hasSize(7).contains(
        "11111111-aaaa-bbbb-cccc-000000000001/RequestReceived",
        "00000001-aaaa-bbbb-cccc-000000000001/RequestReceived",
        "00000001-aaaa-bbbb-cccc-000000000001/ResponseComplete",
        "00000002-aaaa-bbbb-cccc-000000000001/RequestReceived");
  }

  @Test
  void corpus_givesApiserverShapedItems() throws Exception {
    Bodies b = Bodies.corpus(1, 50, 100, 40);
    assertThat(b.count()).isEqualTo(3);
    JsonNode list = Json.mapper().readTree(b.body(0));
    assertThat(list.get("items")).hasSize(40);
    assertThat(list.get("items").get(0).has("kind")).isFalse();
    assertThat(list.get("items").get(0).has("auditID")).isTrue();
  }

  @Test
  void file_takesEventsEventListsAndArrays_readAsTheDecoderReadsThem() throws Exception {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("bodies", ".json");
    try {
      java.nio.file.Files.writeString(f, """
          {"kind":"Event","auditID":"a","n":1.50}
          {"kind":"EventList","items":[{"kind":"Event","auditID":"b"},{"kind":"Event","auditID":"c","y":1e99999999999}]}
          [{"kind":"Event","auditID":"d"}]
          """);
      Bodies b = Bodies.file(f, 4, 4);
      assertThat(b.count()).isEqualTo(1);
      JsonNode body = Json.mapper().readTree(b.body(0));
      assertThat(body.get("items")).hasSize(4);
      assertThat(body.get("items").get(0).get("n").toString()).isEqualTo("1.50");
      assertThat(body.get("items").get(2).get("y").asText()).isEqualTo("Infinity");
      assertThat(body.get("items").get(3).get("auditID").asText()).isEqualTo("d");
    } finally {
      java.nio.file.Files.delete(f);
    }
  }
}
