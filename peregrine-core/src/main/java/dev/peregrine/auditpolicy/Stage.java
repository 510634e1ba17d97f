package dev.peregrine.auditpolicy;

import java.util.Optional;

/** A stage of request handling at which the apiserver emits an audit event. */
public enum Stage {
  REQUEST_RECEIVED("RequestReceived"),
  RESPONSE_STARTED("ResponseStarted"),
  RESPONSE_COMPLETE("ResponseComplete"),
  PANIC("Panic");

  private final String wire;

  Stage(String wire) {
    this.wire = wire;
  }

  /** The name as written in a policy or event, e.g. {@code ResponseComplete}. */
  public String wire() {
    return wire;
  }

  /** The stage with this exact (case-sensitive) name, or empty. */
  public static Optional<Stage> parse(String s) {
    for (Stage st : values()) {
      if (st.wire.equals(s)) {
        return Optional.of(st);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wire;
  }
}
