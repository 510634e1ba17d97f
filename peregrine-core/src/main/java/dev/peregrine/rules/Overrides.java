package dev.peregrine.rules;

import java.util.LinkedHashSet;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** An item's {@code override} map split into appended and replaced keys. */
record Overrides(Set<String> append, Set<String> replace) {
  boolean isEmpty() {
    return append.isEmpty() && replace.isEmpty();
  }

  /** Reads and checks {@code override} (absent or not a mapping: no overrides, as in Falco). */
  static Overrides read(YItem item, Set<String> appendable, Set<String> replaceable) {
    Set<String> app = new LinkedHashSet<>();
    Set<String> rep = new LinkedHashSet<>();
    if (!(item.get("override") instanceof MappingNode m)) {
      return new Overrides(app, rep);
    }
    YamlFile f = item.file();
    for (NodeTuple t : m.getValue()) {
      String key = text(t.getKeyNode());
      String op = text(t.getValueNode());
      boolean canAppend = appendable.contains(key);
      boolean canReplace = replaceable.contains(key);
      if (op.equals("append")) {
        if (!canAppend) {
          throw YItem.yamlError("Key '" + key + "' cannot be appended to, use 'replace' instead",
              f.pos(t.getKeyNode()));
        }
        app.add(key);
      } else if (op.equals("replace")) {
        if (!canReplace) {
          throw YItem.yamlError("Key '" + key + "' cannot be replaced", f.pos(t.getKeyNode()));
        }
        rep.add(key);
      } else {
        String allowed = (canAppend ? "append " : "") + (canReplace ? "replace " : "");
        throw YItem.yamlError("Invalid override operation for key '" + key + "': '" + op
            + "'. Allowed values are: " + allowed, f.pos(t.getValueNode()));
      }
    }
    return new Overrides(app, rep);
  }

  private static String text(org.snakeyaml.engine.v2.nodes.Node n) {
    return n instanceof ScalarNode s ? s.getValue() : "";
  }
}
