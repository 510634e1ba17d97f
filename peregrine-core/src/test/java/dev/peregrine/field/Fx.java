package dev.peregrine.field;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.Json;
import java.time.ZoneId;
import java.util.List;

/** Test fixtures: a registry, events from JSON text, and one-call extraction. */
final class Fx {
  static final FieldRegistry REG = FieldRegistry.standard(ZoneId.of("UTC"), "test-host");

  private Fx() {}

  /** An event from JSON text (single quotes stand for double quotes), time 1 s + 5 ns. */
  static AuditEvent ev(String json) {
    return evRaw(json.replace('\'', '"'));
  }

  /** An event from exact JSON text. */
  static AuditEvent evRaw(String json) {
    try {
      return new AuditEvent((ObjectNode) Json.mapper().readTree(json), 1_000_000_005L, "test", 1);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** An audited event: {@code members} (JSON members text, single quotes) plus an auditID. */
  static AuditEvent ka(String members) {
    return ev("{'auditID':'id-1'" + (members.isBlank() ? "" : "," + members) + "}");
  }

  /** Binds {@code name} with {@code arg} (null for none). */
  static Extractor bind(String name, String arg) {
    return REG.find(name).orElseThrow(() -> new AssertionError("no field " + name)).bind(arg);
  }

  static String str(String name, AuditEvent e) {
    return str(name, null, e);
  }

  static String str(String name, String arg, AuditEvent e) {
    Extractor x = bind(name, arg);
    if (x.isList()) {
      throw new AssertionError(name + " is a list field");
    }
    return x.string(e);
  }

  static List<String> list(String name, AuditEvent e) {
    return list(name, null, e);
  }

  /** A list field's values; absent (null or empty) is normalised to null. */
  static List<String> list(String name, String arg, AuditEvent e) {
    Extractor x = bind(name, arg);
    if (!x.isList()) {
      throw new AssertionError(name + " is not a list field");
    }
    List<String> l = x.list(e);
    return l == null || l.isEmpty() ? null : l;
  }
}
