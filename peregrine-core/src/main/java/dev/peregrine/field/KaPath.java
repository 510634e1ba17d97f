package dev.peregrine.field;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.event.AuditEvent;

/**
 * A {@code ka.*} scalar read directly at a key path, any JSON type turned into text; absent when
 * the event has no top-level {@code auditID}.
 */
final class KaPath implements JsonTreeField {
  private final Walk path;

  KaPath(Walk path) {
    this.path = path;
  }

  @Override
  public JsonNode node(AuditEvent event) {
    return event.hasAuditId() ? path.get(event.json()) : null;
  }
}
