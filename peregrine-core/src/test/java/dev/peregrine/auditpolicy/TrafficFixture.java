package dev.peregrine.auditpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.EventDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The example cluster traffic and a small detector standing in for detection rules: one needs
 * request bodies, one only metadata, one a failed-authentication event at ResponseStarted.
 */
final class TrafficFixture {
  static final Path LOG = Path.of("../examples/policy/cluster-traffic.jsonl");

  private TrafficFixture() {}

  static List<AuditEvent> events() throws IOException {
    List<AuditEvent> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(LOG)) {
      new EventDecoder().decode(in, "cluster-traffic.jsonl", out::add, e -> {
        throw new AssertionError(e.render());
      });
    }
    return out;
  }

  /** Names of the fake rules alerting on an event. */
  static List<String> detect(AuditEvent e) {
    List<String> out = new ArrayList<>();
    JsonNode j = e.json();
    String stage = j.path("stage").asText();
    if (stage.equals("ResponseComplete") && j.path("verb").asText().equals("create")
        && j.at("/requestObject/spec/containers/0/securityContext/privileged").asBoolean()) {
      out.add("privileged pod");
    }
    if (stage.equals("ResponseStarted") && j.at("/objectRef/subresource").asText()
        .equals("exec")) {
      out.add("exec");
    }
    if (j.at("/responseStatus/code").asInt() == 401) {
      out.add("failed auth");
    }
    return out;
  }
}
