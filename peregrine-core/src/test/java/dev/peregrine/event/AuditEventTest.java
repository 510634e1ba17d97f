package dev.peregrine.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class AuditEventTest {
  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.mapper().readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void auditIdIsLookedUpOnceAndAnsweredTheSameEveryTime() {
    AuditEvent with = new AuditEvent(json("{'auditID':'x','verb':'get'}"), 1, "t", 1);
    AuditEvent without = new AuditEvent(json("{'verb':'get'}"), 1, "t", 1);
    AuditEvent nullId = new AuditEvent(json("{'auditID':null}"), 1, "t", 1);
    for (int i = 0; i < 3; i++) {
      assertThat(with.hasAuditId()).isTrue();
      assertThat(without.hasAuditId()).isFalse();
      assertThat(nullId.hasAuditId()).isEqualTo(nullId.json().has("auditID"));
    }
  }

  @Test
  void behavesLikeARecordOfItsComponents() {
    ObjectNode o = json("{'auditID':'x'}");
    AuditEvent a = new AuditEvent(o, 5, "f", 2);
    AuditEvent b = new AuditEvent(json("{'auditID':'x'}"), 5, "f", 2);
    a.hasAuditId(); // the remembered answer is not part of the value
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new AuditEvent(o, 6, "f", 2));
    assertThat(a).isNotEqualTo(new AuditEvent(o, 5, "g", 2));
    assertThat(a).isNotEqualTo(new AuditEvent(o, 5, "f", 3));
    assertThat(a.toString())
        .isEqualTo("AuditEvent[json={\"auditID\":\"x\"}, timeNanos=5, origin=f, line=2, whole=null]");
    assertThat(a.full()).isSameAs(a);
    AuditEvent partial = new AuditEvent(json("{}"), 5, "f", 2, () -> o);
    assertThat(partial.full().json()).isSameAs(o);
    assertThat(partial.full().whole()).isNull();
  }
}
