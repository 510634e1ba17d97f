package dev.peregrine.engine;

import dev.peregrine.event.AuditEvent;

/** A compiled condition node: evaluated once per event, never by walking the syntax tree. */
interface Condition {
  boolean eval(AuditEvent event);
}
