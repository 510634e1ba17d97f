package dev.peregrine.event.cloud;

import dev.peregrine.TestRepo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.DecodeError;
import dev.peregrine.event.DecodeStats;
import dev.peregrine.event.EventDecoder;
import dev.peregrine.event.Format;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: what one decode call produced, and where the fixtures are. */
record Unwrapped(List<AuditEvent> events, List<DecodeError> errors, DecodeStats stats) {
  static Unwrapped decode(Format format, byte[] bytes, String origin) {
    List<AuditEvent> events = new ArrayList<>();
    List<DecodeError> errors = new ArrayList<>();
    DecodeStats stats = new EventDecoder(format).decode(bytes, origin, events::add, errors::add);
    return new Unwrapped(events, errors, stats);
  }

  static Unwrapped decode(Format format, String text) {
    return decode(format, text.getBytes(StandardCharsets.UTF_8), "in");
  }

  /** Decodes {@code examples/managed/<name>} from the repository root. */
  static Unwrapped example(Format format, String name) {
    return decode(format, read(example(name)), name);
  }

  /** Decodes the test resource {@code event/cloud/<name>}. */
  static Unwrapped resource(Format format, String name) {
    return decode(format, read(resource(name)), name);
  }

  static Path example(String name) {
    return repoRoot().resolve("examples/managed").resolve(name);
  }

  static Path resource(String name) {
    return repoRoot().resolve("peregrine-core/src/test/resources/event/cloud").resolve(name);
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path repoRoot() {
    return TestRepo.repoRoot();
  }

  /** The auditIDs of the events, in order. */
  List<String> ids() {
    return events.stream().map(e -> e.get("auditID").asText()).toList();
  }

  /** Rendered errors, in order. */
  List<String> rendered() {
    return errors.stream().map(DecodeError::render).toList();
  }

  /** The JSON of event {@code i}, looked up by a JSON pointer such as {@code /objectRef/name}. */
  JsonNode at(int i, String pointer) {
    return events.get(i).json().at(pointer);
  }

  /** Text at {@code pointer} in event {@code i}, or null when missing. */
  String text(int i, String pointer) {
    JsonNode n = at(i, pointer);
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }
}
