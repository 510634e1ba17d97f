package dev.peregrine.event.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Path building and small JSON look-ups shared by the envelope readers. */
final class Paths {
  private Paths() {}

  /** {@code path.member}, or {@code member} at top level. */
  static String member(String path, String member) {
    return path.isEmpty() ? member : path + "." + member;
  }

  /** {@code path[index]}. */
  static String index(String path, int index) {
    return path + "[" + index + "]";
  }

  /** The string member {@code name} of {@code node}, or null when absent or not a string. */
  static String text(JsonNode node, String name) {
    JsonNode v = node == null ? null : node.get(name);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  /** True for a native Event: {@code kind: Event}, or no kind but an auditID and a stage. */
  static boolean isEvent(JsonNode node) {
    if (!(node instanceof ObjectNode o)) {
      return false;
    }
    JsonNode kind = o.get("kind");
    if (kind == null) {
      return o.has("auditID") && o.has("stage");
    }
    return kind.isTextual() && kind.textValue().equals("Event");
  }

  /** True for {@code kind: EventList} with an {@code items} array. */
  static boolean isEventList(JsonNode node) {
    return "EventList".equals(text(node, "kind")) && node.path("items").isArray();
  }
}
