package dev.peregrine.rules;

import dev.peregrine.rules.Infos.ListInfo;
import dev.peregrine.rules.Infos.MacroInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads one rules file into the collector: YAML documents, item kinds, keys and values (Falco's
 * {@code rule_loader::reader}). An error drops the item it occurs in; reading goes on with the
 * next item so that every problem is reported.
 */
final class RulesReader {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z]+[a-zA-Z0-9_]*");
  private static final Pattern BARESTR = Pattern.compile("[^()\"'\\s=,]+");
  private static final Set<String> LIST_KEYS = Set.of("list", "items", "append", "override");
  private static final Set<String> MACRO_KEYS =
      Set.of("macro", "condition", "append", "override");
  private static final Set<String> PLUGIN_KEYS = Set.of("name", "version", "alternatives");
  private static final Set<String> ALT_KEYS = Set.of("name", "version");

  private final YamlFile file;
  private final Collector collector;
  private final Diags diags;

  RulesReader(YamlFile file, Collector collector, Diags diags) {
    this.file = file;
    this.collector = collector;
    this.diags = diags;
  }

  /** Reads every document; a YAML syntax error rejects the whole file, as in Falco. */
  void read() {
    List<Node> docs = new ArrayList<>();
    try {
      LoadSettings settings = LoadSettings.builder().setLabel(file.source().name())
          .setAllowDuplicateKeys(true).setMaxAliasesForCollections(1000).build();
      for (Node doc : new Compose(settings).composeAllFromString(file.source().text())) {
        docs.add(doc);
      }
    } catch (MarkedYamlEngineException e) {
      Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
      int pos = m == null ? file.base() : file.offset(m);
      String where = m == null ? "" : "error at line " + (m.getLine() + 1) + ", column "
          + (m.getColumn() + 1) + ": ";
      diags.error(Codes.ERR_YAML_PARSE, where + e.getProblem(), pos);
      return;
    } catch (YamlEngineException e) {
      diags.error(Codes.ERR_YAML_PARSE, String.valueOf(e.getMessage()), file.base());
      return;
    }
    for (Node doc : docs) {
      readDocument(doc);
    }
  }

  private void readDocument(Node doc) {
    if (YamlFile.isNull(doc)) {
      return;
    }
    int pos = file.pos(doc);
    if (doc instanceof ScalarNode) {
      diags.error(Codes.ERR_YAML_VALIDATE, "Rules content is not yaml", pos);
      return;
    }
    if (!(doc instanceof SequenceNode seq)) {
      diags.error(Codes.ERR_YAML_VALIDATE, "Rules content is not yaml array of objects", pos);
      return;
    }
    for (Node item : seq.getValue()) {
      if (YamlFile.isNull(item)) {
        continue;
      }
      try {
        readItem(item);
      } catch (LoadException e) {
        diags.error(e);
      }
    }
  }

  private void readItem(Node node) {
    if (!(node instanceof MappingNode m)) {
      throw YItem.yamlError(
          "Unexpected element type. Each element should be a yaml associative array.",
          file.pos(node));
    }
    YItem item = new YItem(file, m);
    if (item.has("required_engine_version")) {
      item.warnUnknownKeys(Set.of("required_engine_version"), diags);
      readEngineVersion(item);
    } else if (item.has("required_plugin_versions")) {
      item.warnUnknownKeys(Set.of("required_plugin_versions"), diags);
      readPluginVersions(item);
    } else if (item.has("list")) {
      item.warnUnknownKeys(LIST_KEYS, diags);
      readList(item);
    } else if (item.has("macro")) {
      item.warnUnknownKeys(MACRO_KEYS, diags);
      readMacro(item);
    } else if (item.has("rule")) {
      new RuleReader(item, collector, diags).read();
    } else {
      diags.warn(Codes.UNKNOWN_ITEM, "Unknown top level item", item.pos());
    }
  }

  private void readEngineVersion(YItem item) {
    String key = "required_engine_version";
    String raw = item.str(key);
    Semver v;
    if (raw.matches("\\+?[0-9]{1,9}")) {
      v = new Semver(0, Long.parseLong(raw.replace("+", "")), 0);
    } else {
      v = Semver.parse(raw);
      if (v == null) {
        throw YItem.yamlError("Unable to parse engine version '" + raw
            + "' as a semver string. Expected \"x.y.z\" semver format.", item.valPos(key));
      }
    }
    collector.defineEngineVersion(v, item.pos());
  }

  private void readPluginVersions(YItem item) {
    Node reqs = item.get("required_plugin_versions");
    if (!(reqs instanceof SequenceNode seq)) {
      throw YItem.yamlError("Value of required_plugin_versions must be a sequence",
          item.valPos("required_plugin_versions"));
    }
    for (Node n : seq.getValue()) {
      if (!(n instanceof MappingNode m)) {
        throw YItem.yamlError("Plugin version must be a mapping", file.pos(n));
      }
      YItem p = new YItem(file, m);
      p.warnUnknownKeys(PLUGIN_KEYS, diags);
      List<PluginRequirement.Version> alts = new ArrayList<>();
      alts.add(new PluginRequirement.Version(p.str("name"), p.str("version")));
      if (p.has("alternatives")) {
        if (!(p.get("alternatives") instanceof SequenceNode as)) {
          throw YItem.yamlError("Value of plugin version alternatives must be a sequence",
              p.pos());
        }
        for (Node a : as.getValue()) {
          if (!(a instanceof MappingNode am)) {
            throw YItem.yamlError("Plugin version alternative must be a mapping", file.pos(a));
          }
          YItem alt = new YItem(file, am);
          alt.warnUnknownKeys(ALT_KEYS, diags);
          alts.add(new PluginRequirement.Version(alt.str("name"), alt.str("version")));
        }
      }
      collector.definePlugin(new PluginRequirement(alts, p.pos()));
    }
  }

  private void readList(YItem item) {
    ListInfo v = new ListInfo();
    v.name = item.str("list");
    v.pos = item.pos();
    if (!BARESTR.matcher(v.name).matches()) {
      diags.warn(Codes.INVALID_LIST_NAME, Codes.ERROR_INVALID_LIST_NAME, item.valPos("list"));
    }
    v.items = item.seq("items", false);
    boolean append = readAppendFlag(item, diags);
    Overrides ov = Overrides.read(item, Set.of("items"), Set.of("items"));
    if (append && !ov.isEmpty()) {
      throw YItem.yamlError(Codes.ERROR_OVERRIDE_APPEND, item.pos());
    }
    if (append || ov.append().contains("items")) {
      collector.append(v);
    } else {
      collector.define(v);
    }
  }

  private void readMacro(YItem item) {
    MacroInfo v = new MacroInfo();
    v.name = item.str("macro");
    v.pos = item.pos();
    if (!IDENTIFIER.matcher(v.name).matches()) {
      diags.warn(Codes.INVALID_MACRO_NAME, Codes.ERROR_INVALID_MACRO_NAME, item.valPos("macro"));
    }
    v.cond = file.mapped(item.scalar("condition"));
    boolean append = readAppendFlag(item, diags);
    Overrides ov = Overrides.read(item, Set.of("condition"), Set.of("condition"));
    if (append && !ov.isEmpty()) {
      throw YItem.yamlError(Codes.ERROR_OVERRIDE_APPEND, item.pos());
    }
    if (append || ov.append().contains("condition")) {
      collector.append(v);
    } else {
      collector.define(v);
    }
  }

  /** The deprecated {@code append} flag, with its warning when true. */
  static boolean readAppendFlag(YItem item, Diags d) {
    boolean append = item.optBool("append").orElse(false);
    if (append) {
      d.warn(Codes.DEPRECATED_ITEM, Codes.WARNING_APPEND, item.pos());
    }
    return append;
  }
}
