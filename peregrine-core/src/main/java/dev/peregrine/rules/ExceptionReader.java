package dev.peregrine.rules;

import dev.peregrine.rules.Infos.Entry;
import dev.peregrine.rules.Infos.ExceptionInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads a rule's {@code exceptions} (Falco's {@code read_rule_exceptions}). */
final class ExceptionReader {
  private static final Set<String> KEYS = Set.of("name", "fields", "comps", "values");

  private ExceptionReader() {}

  /**
   * The exceptions of {@code item}: empty when absent or null. With {@code append}, fields are
   * optional and a missing {@code values} draws a warning.
   */
  static List<ExceptionInfo> read(YItem item, boolean append, Diags d) {
    List<ExceptionInfo> out = new ArrayList<>();
    Node exs = item.get("exceptions");
    if (YamlFile.isNull(exs)) {
      return out;
    }
    if (!(exs instanceof SequenceNode seq)) {
      throw YItem.yamlError("Rule exceptions must be a sequence", item.valPos("exceptions"));
    }
    Set<String> names = new HashSet<>();
    for (Node n : seq.getValue()) {
      if (!(n instanceof MappingNode m)) {
        throw YItem.yamlError("Rule exception must be a mapping", item.file().pos(n));
      }
      YItem ex = new YItem(item.file(), m);
      ex.warnUnknownKeys(KEYS, d);
      ExceptionInfo info = readOne(ex, append, d);
      if (!names.add(info.name)) {
        d.warn(Codes.EXCEPTION_NAME_NOT_UNIQUE,
            "Multiple definitions of exception '" + info.name + "' in the same object", info.pos);
      }
      out.add(info);
    }
    return out;
  }

  private static ExceptionInfo readOne(YItem ex, boolean append, Diags d) {
    ExceptionInfo info = new ExceptionInfo();
    info.pos = ex.pos();
    info.name = ex.str("name");
    info.fields = entry(ex, "fields");
    info.comps = entry(ex, "comps");
    Node vals = ex.get("values");
    if (ex.has("values")) {
      if (!(vals instanceof SequenceNode vs)) {
        throw YItem.yamlError("Rule exception values must be a sequence", ex.valPos("values"));
      }
      for (Node v : vs.getValue()) {
        info.values.add(decode(ex.file(), v));
      }
    } else if (append) {
      d.warn(Codes.APPEND_NO_VALUES, "Overriding/appending exception with no values", info.pos);
    }
    return info;
  }

  /** An optional entry (absent: null). */
  private static Entry entry(YItem ex, String key) {
    return ex.has(key) ? decode(ex.file(), ex.get(key)) : null;
  }

  private static Entry decode(YamlFile f, Node v) {
    if (v instanceof ScalarNode s && !YamlFile.isNull(s)) {
      if (s.getValue().isEmpty()) {
        throw YItem.yamlError("Value must be non-empty", f.pos(v));
      }
      return Entry.scalar(f.mapped(s));
    }
    if (v instanceof SequenceNode seq) {
      List<Entry> items = new ArrayList<>();
      for (Node n : seq.getValue()) {
        items.add(decode(f, n));
      }
      return Entry.list(items);
    }
    return Entry.scalar(MappedText.of("", f.pos(v)));
  }
}
