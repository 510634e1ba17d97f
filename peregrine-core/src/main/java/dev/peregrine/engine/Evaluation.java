package dev.peregrine.engine;

import dev.peregrine.event.AuditEvent;

/**
 * One event while the engine evaluates it: the event and the values of the fields read from it so
 * far, one slot per {@link FieldRead}. The rule index, the conditions and the outputs of every
 * rule share these slots, so a field that many rules read is extracted once per event. Used by
 * one thread, for one {@link Engine#process} call.
 */
final class Evaluation {
  /** Marks a slot whose field was read and found absent (an unread slot holds null). */
  static final Object ABSENT = new Object();

  private final AuditEvent event;
  private final Object[] values;
  private boolean factsVerified;

  Evaluation(AuditEvent event, int slots) {
    this.event = event;
    this.values = new Object[slots];
  }

  AuditEvent event() {
    return event;
  }

  /** The value stored in {@code slot}: null when unread, {@link #ABSENT} when absent. */
  Object get(int slot) {
    return values[slot];
  }

  /**
   * Whether the rule index selected the rules being evaluated and each of them satisfies the
   * facts the index holds about it ({@link RuleIndex#candidates}).
   */
  boolean factsVerified() {
    return factsVerified;
  }

  void factsVerified(boolean verified) {
    factsVerified = verified;
  }

  /** Stores a value read for {@code slot}; null is stored as {@link #ABSENT}. */
  void put(int slot, Object value) {
    values[slot] = value == null ? ABSENT : value;
  }
}
