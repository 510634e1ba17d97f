package dev.peregrine.field;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A key path through an event, resolved at bind time, read in the two ways the k8saudit plugin
 * reads paths: a plain lookup ({@link #get}) and a walk that fans out over arrays ({@link #walk}).
 */
final class Walk {
  /** A step that keeps the current node (the plugin's empty key). */
  static final Step SELF = new Step("", -1);

  private final Step[] steps;

  private Walk(Step[] steps) {
    this.steps = steps;
  }

  /** A path of object keys; an empty key is {@link #SELF}. */
  static Walk of(String... keys) {
    return new Walk(
        Arrays.stream(keys).map(k -> k.isEmpty() ? SELF : Step.of(k)).toArray(Step[]::new));
  }

  /** The node at the path, or null when a step is missing. */
  JsonNode get(JsonNode root) {
    JsonNode node = root;
    for (Step s : steps) {
      node = s == SELF ? node : s.from(node);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /**
   * The plugin's recursive walk. Before each key, an array is either fanned out (no index: one
   * entry per element, null where the rest of the path is missing) or narrowed to element
   * {@code index}. An array reached by the last key is returned whole.
   *
   * @param index the element to take from every array met, or -1 for all
   * @return the values found, with nulls for missing ones, or null when the path is absent
   */
  List<JsonNode> walk(JsonNode root, int index) {
    List<JsonNode> out = new ArrayList<>();
    return walk(root, index, 0, out) ? out : null;
  }

  private boolean walk(JsonNode start, int index, int from, List<JsonNode> out) {
    JsonNode node = start;
    for (int i = from; i < steps.length; i++) {
      if (node.isArray()) {
        if (index < 0) {
          for (JsonNode element : node) {
            int mark = out.size();
            if (!walk(element, index, i, out)) {
              out.subList(mark, out.size()).clear();
              out.add(null);
            }
          }
          return true;
        }
        if (index >= node.size()) {
          return false;
        }
        node = node.get(index);
      }
      node = steps[i] == SELF ? node : steps[i].from(node);
      if (node == null) {
        return false;
      }
    }
    out.add(node);
    return true;
  }

  /** Text of every non-null value (rule: entries without the property contribute nothing). */
  static List<String> textsSkipNull(List<JsonNode> values) {
    if (values == null) {
      return null;
    }
    List<String> out = new ArrayList<>(values.size());
    for (JsonNode v : values) {
      if (v != null) {
        out.add(JsonText.asText(v));
      }
    }
    return out;
  }

  /** Text of every value, or null (absent) when any value is missing. */
  static List<String> textsStrict(List<JsonNode> values) {
    if (values == null) {
      return null;
    }
    List<String> out = new ArrayList<>(values.size());
    for (JsonNode v : values) {
      if (v == null) {
        return null;
      }
      out.add(JsonText.asText(v));
    }
    return out;
  }
}
