package dev.peregrine.auditpolicy;

import java.util.Optional;

/**
 * An audit level (audit.k8s.io/v1 {@code Level}), in the apiserver's order: {@code None <
 * Metadata < Request < RequestResponse}.
 */
public enum Level {
  NONE("None"),
  METADATA("Metadata"),
  REQUEST("Request"),
  REQUEST_RESPONSE("RequestResponse");

  private final String wire;

  Level(String wire) {
    this.wire = wire;
  }

  /** The name as written in a policy or event, e.g. {@code RequestResponse}. */
  public String wire() {
    return wire;
  }

  /** True when this level is at least {@code other}. */
  public boolean atLeast(Level other) {
    return compareTo(other) >= 0;
  }

  /** The level with this exact (case-sensitive) name, or empty. */
  public static Optional<Level> parse(String s) {
    for (Level l : values()) {
      if (l.wire.equals(s)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wire;
  }
}
