package dev.peregrine.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML mapping (a rules file item or a nested object) with Falco's decoding rules and messages;
 * every failure is a {@link LoadException} located at the key or value concerned.
 */
final class YItem {
  private final YamlFile file;
  private final MappingNode node;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  YItem(YamlFile file, MappingNode node) {
    this.file = file;
    this.node = node;
    for (NodeTuple t : node.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k) {
        entries.putIfAbsent(k.getValue(), t);
      }
    }
  }

  YamlFile file() {
    return file;
  }

  int pos() {
    return file.pos(node);
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  Node get(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? null : t.getValueNode();
  }

  int keyPos(String key) {
    NodeTuple t = entries.get(key);
    return t == null ? pos() : file.pos(t.getKeyNode());
  }

  int valPos(String key) {
    Node v = get(key);
    return v == null ? pos() : file.pos(v);
  }

  /** Warns about each key not in {@code known}. */
  void warnUnknownKeys(Set<String> known, Diags d) {
    for (NodeTuple t : node.getValue()) {
      String k = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
      if (!known.contains(k)) {
        d.warn(Codes.UNKNOWN_KEY, "Unknown key '" + k + "'. The key will be ignored.",
            file.pos(t.getKeyNode()));
      }
    }
  }

  static LoadException yamlError(String message, int pos) {
    return new LoadException(Codes.ERR_YAML_VALIDATE, message, pos);
  }

  /** A required non-empty scalar (Falco's {@code decode_val}). */
  ScalarNode scalar(String key) {
    if (!has(key)) {
      throw yamlError("Item has no mapping for key '" + key + "'", pos());
    }
    Node v = get(key);
    if (YamlFile.isNull(v)) {
      throw yamlError("Mapping for key '" + key + "' is empty", keyPos(key));
    }
    if (!(v instanceof ScalarNode s)) {
      throw yamlError("Value is not a scalar value", valPos(key));
    }
    if (s.getValue().isEmpty()) {
      throw yamlError("Value must be non-empty", valPos(key));
    }
    return s;
  }

  String str(String key) {
    return scalar(key).getValue();
  }

  Optional<String> optStr(String key) {
    return has(key) ? Optional.of(str(key)) : Optional.empty();
  }

  boolean bool(String key) {
    Boolean b = parseBool(str(key));
    if (b == null) {
      throw yamlError("Can't decode YAML scalar value", valPos(key));
    }
    return b;
  }

  Optional<Boolean> optBool(String key) {
    return has(key) ? Optional.of(bool(key)) : Optional.empty();
  }

  long uint(String key) {
    String s = str(key);
    if (!s.matches("\\+?[0-9]{1,18}")) {
      throw yamlError("Can't decode YAML scalar value", valPos(key));
    }
    return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
  }

  Optional<Long> optUint(String key) {
    return has(key) ? Optional.of(uint(key)) : Optional.empty();
  }

  /** A sequence of scalars (Falco's {@code decode_seq}); null when optional and absent. */
  List<String> seq(String key, boolean optional) {
    if (!has(key)) {
      if (optional) {
        return null;
      }
      throw yamlError("Item has no mapping for key '" + key + "'", pos());
    }
    if (!(get(key) instanceof SequenceNode seq)) {
      throw yamlError("Value is not a sequence", valPos(key));
    }
    List<String> out = new ArrayList<>();
    for (Node v : seq.getValue()) {
      if (!(v instanceof ScalarNode s)) {
        throw yamlError("sequence value is not scalar", file.pos(v));
      }
      out.add(s.getValue());
    }
    return out;
  }

  /** Falco's (yaml-cpp's) boolean spellings; null if not a boolean. */
  static Boolean parseBool(String s) {
    return switch (s) {
      case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" -> true;
      case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF" -> false;
      default -> null;
    };
  }
}
