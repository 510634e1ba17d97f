package dev.peregrine.auditpolicy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Test helpers: compose a YAML file, look up keys, turn nodes into plain Java values. */
final class Yaml {
  private Yaml() {}

  static Node compose(String text, String label) {
    return new Compose(LoadSettings.builder().setLabel(label).build()).composeString(text)
        .orElseThrow();
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  static Node get(Node map, String key) {
    if (map instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return t.getValueNode();
        }
      }
    }
    return null;
  }

  static List<Node> items(Node seq) {
    return seq instanceof SequenceNode s ? s.getValue() : List.of();
  }

  /** Scalars become String, Boolean or null; sequences lists; mappings ordered maps. */
  static Object java(Node n) {
    return switch (n) {
      case null -> null;
      case ScalarNode s when s.getTag().equals(Tag.NULL) -> null;
      case ScalarNode s when s.getTag().equals(Tag.BOOL) -> Boolean.valueOf(s.getValue());
      case ScalarNode s -> s.getValue();
      case SequenceNode q -> {
        List<Object> l = new ArrayList<>();
        q.getValue().forEach(x -> l.add(java(x)));
        yield l;
      }
      case MappingNode m -> {
        Map<String, Object> map = new LinkedHashMap<>();
        m.getValue().forEach(t -> map.put(((ScalarNode) t.getKeyNode()).getValue(),
            java(t.getValueNode())));
        yield map;
      }
      default -> throw new IllegalArgumentException("unexpected node " + n);
    };
  }
}
