package dev.peregrine.event;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: everything one decode call produced. */
record Decoded(List<AuditEvent> events, List<DecodeError> errors, DecodeStats stats) {
  static Decoded of(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8), DecodeLimits.defaults());
  }

  static Decoded of(byte[] bytes, DecodeLimits limits) {
    List<AuditEvent> events = new ArrayList<>();
    List<DecodeError> errors = new ArrayList<>();
    DecodeStats stats =
        new EventDecoder(limits)
            .decode(new ByteArrayInputStream(bytes), "in", events::add, errors::add);
    return new Decoded(events, errors, stats);
  }

  /** The auditIDs of the events, in order. */
  List<String> ids() {
    return events.stream().map(e -> e.get("auditID").asText()).toList();
  }

  /** Rendered errors, in order. */
  List<String> rendered() {
    return errors.stream().map(DecodeError::render).toList();
  }

  /** A compact one-line Event with the given auditID. */
  static String event(String id) {
    return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
        + "\"auditID\":\"" + id + "\",\"stage\":\"ResponseComplete\",\"verb\":\"get\","
        + "\"user\":{\"username\":\"alice\",\"groups\":[\"a\",\"b\"]},\"sourceIPs\":[\"10.0.0.1\"],"
        + "\"stageTimestamp\":\"2024-01-02T03:04:05.123456Z\"}";
  }

  /** Like {@link #event} but spread over several lines. */
  static String pretty(String id) {
    return "{\n  \"kind\": \"Event\",\n  \"auditID\": \"" + id + "\",\n"
        + "  \"stage\": \"ResponseComplete\",\n  \"user\": {\n    \"username\": \"bob\"\n  },\n"
        + "  \"stageTimestamp\": \"2024-01-02T03:04:05Z\"\n}";
  }
}
