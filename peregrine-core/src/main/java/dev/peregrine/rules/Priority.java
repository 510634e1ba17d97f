package dev.peregrine.rules;

import java.util.Locale;
import java.util.Optional;

/** Falco rule priorities, most severe first (ordinal 0 = emergency ... 7 = debug). */
public enum Priority {
  EMERGENCY("Emergency"),
  ALERT("Alert"),
  CRITICAL("Critical"),
  ERROR("Error"),
  WARNING("Warning"),
  NOTICE("Notice"),
  INFORMATIONAL("Informational"),
  DEBUG("Debug");

  private final String label;

  Priority(String label) {
    this.label = label;
  }

  /** The long name printed in alerts, e.g. {@code Informational}. */
  public String label() {
    return label;
  }

  /** Parses a priority as rules and config files write it (case-insensitive; {@code info} too). */
  public static Optional<Priority> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    String l = s.trim().toLowerCase(Locale.ROOT);
    if (l.equals("info")) {
      return Optional.of(INFORMATIONAL);
    }
    for (Priority p : values()) {
      if (p.name().toLowerCase(Locale.ROOT).equals(l)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** True when this priority is at least as severe as {@code min}. */
  public boolean atLeast(Priority min) {
    return ordinal() <= min.ordinal();
  }
}
