package dev.peregrine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.Json;
import dev.peregrine.field.Extractor;
import dev.peregrine.field.Extractors;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Shared field reads: one extraction per event, key and way; nothing shared across events. */
class FieldReadTest {
  private static AuditEvent event(String verb) {
    ObjectNode json = Json.mapper().createObjectNode().put("auditID", "a").put("verb", verb);
    return new AuditEvent(json, 1L, "test", 1);
  }

  /** An extractor of {@code verb} that counts its calls. */
  private static Extractor counting(AtomicInteger calls) {
    return Extractors.text(e -> {
      calls.incrementAndGet();
      return e.json().path("verb").asText(null);
    });
  }

  @Test
  void sameKeyAndWay_extractsOncePerEvent() {
    AtomicInteger calls = new AtomicInteger();
    Extractor x = counting(calls);
    FieldRead.Slots slots = new FieldRead.Slots(true);
    FieldRead a = slots.text(FieldRead.Key.field("ka.verb", null), x);
    FieldRead b = slots.text(FieldRead.Key.field("ka.verb", null), x);
    Evaluation first = new Evaluation(event("get"), slots.count());
    assertThat(a.string(first)).isEqualTo("get");
    assertThat(b.string(first)).isEqualTo("get");
    assertThat(calls).hasValue(1);
    Evaluation second = new Evaluation(event("list"), slots.count());
    assertThat(b.string(second)).isEqualTo("list");
    assertThat(calls).hasValue(2);
  }

  @Test
  void textReadElsewhere_isRecordedForLaterReads() {
    AtomicInteger calls = new AtomicInteger();
    FieldRead.Slots slots = new FieldRead.Slots(true);
    FieldRead r = slots.text(FieldRead.Key.field("ka.verb", null), counting(calls));
    Evaluation ev = new Evaluation(event("get"), slots.count());
    assertThat(r.read(ev, "get")).isEqualTo("get");
    assertThat(r.string(ev)).isEqualTo("get");
    assertThat(calls).hasValue(0);
  }

  @Test
  void absentValue_isRememberedAsAbsent() {
    AtomicInteger calls = new AtomicInteger();
    Extractor x = Extractors.text(e -> {
      calls.incrementAndGet();
      return null;
    });
    FieldRead.Slots slots = new FieldRead.Slots(true);
    FieldRead r = slots.text(FieldRead.Key.field("ka.impuser.name", null), x);
    Evaluation ev = new Evaluation(event("get"), slots.count());
    assertThat(r.string(ev)).isNull();
    assertThat(r.string(ev)).isNull();
    assertThat(calls).hasValue(1);
  }

  @Test
  void otherArgumentOrWay_hasItsOwnSlot() {
    Extractor x = counting(new AtomicInteger());
    FieldRead.Slots slots = new FieldRead.Slots(true);
    slots.text(FieldRead.Key.field("ka.uri.param", "a"), x);
    slots.text(FieldRead.Key.field("ka.uri.param", "b"), x);
    slots.text(FieldRead.Key.field("ka.uri.param", null), x);
    slots.list(FieldRead.Key.field("ka.uri.param", null), x);
    slots.text(FieldRead.Key.transformer("tolower", null,
        List.of(FieldRead.Key.field("ka.uri.param", "a"))), x);
    assertThat(slots.count()).isEqualTo(5);
  }

  @Test
  void sharingOff_extractsOnEveryRead() {
    AtomicInteger calls = new AtomicInteger();
    Extractor x = counting(calls);
    FieldRead.Slots slots = new FieldRead.Slots(false);
    FieldRead r = slots.text(FieldRead.Key.field("ka.verb", null), x);
    Evaluation ev = new Evaluation(event("get"), slots.count());
    r.string(ev);
    r.string(ev);
    assertThat(calls).hasValue(2);
    assertThat(slots.count()).isZero();
  }

  @Test
  void engine_sameAlertsWithAndWithoutSharing() {
    String rules = """
        - rule: Verb and user
          desc: reads the same fields in the index, conditions, a transformer and the output
          condition: >
            ka.verb in (get, list) and ka.user.name icontains bob
            and tolower(ka.user.name) = bob-1
          output: >
            user=%ka.user.name lower=%tolower(ka.user.name) verb=%ka.verb
            groups=%ka.user.groups code=%ka.response.code
          priority: INFO
          source: k8s_audit
        """;
    EngineDriver on = EngineDriver.of(EngineOptions.defaults(), rules);
    EngineDriver off = EngineDriver.of(EngineOptions.defaults().withSharedReads(false), rules);
    List<String> events = List.of(
        "{'auditID':'1','verb':'get','user':{'username':'BOB-1','groups':['g']},"
            + "'responseStatus':{'code':200}}",
        "{'auditID':'2','verb':'get','user':{'username':'bob-2'}}",
        "{'auditID':'3','verb':'list','user':{'username':'bob-1'}}",
        "{'verb':'get','user':{'username':'bob-1'}}");
    int alerts = 0;
    for (String e : events) {
      String json = e.replace('\'', '"');
      List<Alert> expected = off.process(json);
      assertThat(on.process(json)).isEqualTo(expected);
      alerts += expected.size();
    }
    assertThat(alerts).isEqualTo(2);
  }
}
