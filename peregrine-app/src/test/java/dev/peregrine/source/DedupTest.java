package dev.peregrine.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DedupTest {
  static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-11-20T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static AuditEvent ev(String id, String stage) {
    ObjectNode o = Json.mapper().createObjectNode();
    if (id != null) {
      o.put("auditID", id);
    }
    o.put("stage", stage);
    return new AuditEvent(o, 0, "t", 0);
  }

  @Test
  void sameIdAndStage_isDuplicate_otherStageIsNot() {
    Dedup d = new Dedup(10, Duration.ofMinutes(1), new MutableClock());
    assertThat(d.first(ev("a", "ResponseComplete"))).isTrue();
    assertThat(d.first(ev("a", "ResponseComplete"))).isFalse();
    assertThat(d.first(ev("a", "ResponseStarted"))).isTrue();
    assertThat(d.first(ev(null, "x"))).isTrue();
    assertThat(d.first(ev(null, "x"))).isTrue();
  }

  @Test
  void window_isBoundedInTimeAndSize() {
    MutableClock c = new MutableClock();
    Dedup d = new Dedup(3, Duration.ofSeconds(10), c);
    d.first(ev("a", "s"));
    c.now = c.now.plusSeconds(11);
    assertThat(d.first(ev("a", "s"))).isTrue();
    d.first(ev("b", "s"));
    d.first(ev("c", "s"));
    d.first(ev("d", "s"));
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.first(ev("a", "s"))).isTrue();
    assertThat(d.first(ev("d", "s"))).isFalse();
  }

  @Test
  void zeroEntries_disables() {
    Dedup d = new Dedup(0, Duration.ofSeconds(10), new MutableClock());
    assertThat(d.first(ev("a", "s"))).isTrue();
    assertThat(d.first(ev("a", "s"))).isTrue();
  }

  /**
   * Against a plain reference (a LinkedHashMap keyed by the pair), over a long run of UUID and
   * other auditIDs, all stages and a clock that moves: the same answers, the same size.
   */
  @Test
  void matchesAReferenceWindow() {
    MutableClock c = new MutableClock();
    int cap = 50;
    Dedup d = new Dedup(cap, Duration.ofSeconds(30), c);
    java.util.LinkedHashMap<String, Long> ref = new java.util.LinkedHashMap<>();
    java.util.Random r = new java.util.Random(7);
    String[] stages = {"RequestReceived", "ResponseStarted", "ResponseComplete", "Panic", "x", ""};
    for (int i = 0; i < 20_000; i++) {
      int n = r.nextInt(120);
      String id = switch (r.nextInt(5)) {
        // strings of equal hash codes ("Aa" and "BB" collide, and so do their concatenations)
        case 4 -> new String[] {"Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa"}[n % 6];
        case 0 -> String.format("%08x-0000-4000-8000-%012x", n, n * 7L);
        case 1 -> String.format("%08X-0000-4000-8000-%012x", n, n * 7L);
        case 2 -> "id-" + n;
        default -> String.format("ffffffff-ffff-ffff-ffff-%012x", n);
      };
      String stage = stages[r.nextInt(stages.length)];
      c.now = c.now.plusMillis(r.nextInt(400));
      long now = c.now.toEpochMilli();
      ref.entrySet().removeIf(en -> now - en.getValue() >= 30_000);
      String k = id + "\u0000" + stage;
      boolean expected = !ref.containsKey(k);
      if (expected) {
        if (ref.size() == cap) {
          ref.remove(ref.keySet().iterator().next());
        }
        ref.put(k, now);
      }
      assertThat(d.first(ev(id, stage))).as("event %d", i).isEqualTo(expected);
      assertThat(d.size()).isEqualTo(ref.size());
    }
  }
}
