package dev.peregrine.rules;

import dev.peregrine.rules.Infos.RuleInfo;
import dev.peregrine.rules.Infos.RuleUpdate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads a {@code rule} item: full definition, deprecated append, override or enabled-only. */
final class RuleReader {
  static final Set<String> KEYS = Set.of("rule", "condition", "output", "desc", "priority",
      "source", "enabled", "tags", "exceptions", "warn_evttypes", "skip-if-unknown-filter",
      "capture", "capture_duration", "append", "override");
  static final List<String> APPENDABLE =
      List.of("condition", "exceptions", "output", "desc", "tags");
  static final List<String> REPLACEABLE = List.of("condition", "exceptions", "output", "desc",
      "tags", "priority", "enabled", "warn_evttypes", "skip-if-unknown-filter", "capture",
      "capture_duration");

  private final YItem item;
  private final Collector collector;
  private final Diags diags;

  RuleReader(YItem item, Collector collector, Diags diags) {
    this.item = item;
    this.collector = collector;
    this.diags = diags;
  }

  void read() {
    item.warnUnknownKeys(KEYS, diags);
    String name = item.str("rule");
    boolean appendFlag = RulesReader.readAppendFlag(item, diags);
    Overrides ov = Overrides.read(item, Set.copyOf(APPENDABLE), Set.copyOf(REPLACEABLE));
    if (appendFlag && !ov.isEmpty()) {
      throw YItem.yamlError(Codes.ERROR_OVERRIDE_APPEND, item.pos());
    }
    if (!ov.isEmpty()) {
      readOverride(name, ov);
    } else if (appendFlag) {
      RuleUpdate u = update(name);
      if (item.has("condition")) {
        u.cond = item.file().mapped(item.scalar("condition"));
      }
      if (item.has("exceptions")) {
        u.exceptions = ExceptionReader.read(item, true, diags);
      }
      collector.append(u);
    } else if (!item.has("condition") && !item.has("output") && !item.has("desc")
        && !item.has("priority")) {
      boolean enabled = item.bool("enabled");
      diags.warn(Codes.DEPRECATED_ITEM, Codes.WARNING_ENABLED, item.pos());
      collector.enable(name, enabled, item.pos());
    } else {
      collector.define(definition(name));
    }
  }

  private RuleUpdate update(String name) {
    RuleUpdate u = new RuleUpdate();
    u.name = name;
    u.pos = item.pos();
    return u;
  }

  private RuleInfo definition(String name) {
    RuleInfo v = new RuleInfo();
    v.name = name;
    v.pos = item.pos();
    v.cond = item.file().mapped(item.scalar("condition"));
    v.output = item.str("output").strip();
    v.outputPos = item.valPos("output");
    v.desc = item.str("desc");
    v.priority = priority();
    v.source = item.optStr("source").orElse("syscall");
    v.enabled = item.optBool("enabled").orElse(true);
    v.warnEvttypes = item.optBool("warn_evttypes").orElse(true);
    v.skipIfUnknownFilter = item.optBool("skip-if-unknown-filter").orElse(false);
    v.capture = item.optBool("capture").orElse(false);
    v.captureDuration = item.optUint("capture_duration").orElse(0L);
    List<String> tags = item.seq("tags", true);
    v.tags = tags == null ? new TreeSet<>() : new TreeSet<>(tags);
    v.exceptions = ExceptionReader.read(item, false, diags);
    return v;
  }

  private Priority priority() {
    String p = item.str("priority");
    return Priority.parse(p).orElseThrow(
        () -> YItem.yamlError("Invalid priority", item.valPos("priority")));
  }

  /**
   * {@code override}: each listed key must be present, each present overridable key must be
   * listed; then the appends and the replacements are applied, in that order.
   */
  private void readOverride(String name, Overrides ov) {
    Set<String> expected = new LinkedHashSet<>();
    for (String k : REPLACEABLE) {
      if (item.has(k)) {
        expected.add(k);
      }
    }
    RuleUpdate app = ov.append().isEmpty() ? null : update(name);
    RuleUpdate rep = ov.replace().isEmpty() ? null : update(name);
    for (String k : APPENDABLE) {
      if (check(expected, ov.append(), "append", k)) {
        readValue(app, k, true);
      }
    }
    for (String k : REPLACEABLE) {
      if (check(expected, ov.replace(), "replace", k)) {
        readValue(rep, k, false);
      }
    }
    for (String k : expected) {
      throw YItem.yamlError(
          "Unexpected key '" + k + "': no corresponding entry under 'override' is defined.",
          item.keyPos(k));
    }
    if (app != null) {
      collector.append(app);
    }
    if (rep != null) {
      collector.replace(rep);
    }
  }

  private boolean check(Set<String> expected, Set<String> overrides, String type, String key) {
    if (!overrides.contains(key)) {
      return false;
    }
    if (!expected.remove(key)) {
      throw YItem.yamlError("An " + type + " override for '" + key + "' was specified but '"
          + key + "' is not defined", item.pos());
    }
    return true;
  }

  private void readValue(RuleUpdate u, String key, boolean append) {
    switch (key) {
      case "condition" -> u.cond = item.file().mapped(item.scalar("condition"));
      case "exceptions" -> u.exceptions = ExceptionReader.read(item, true, diags);
      case "output" -> {
        u.output = item.str("output");
        u.outputPos = item.valPos("output");
      }
      case "desc" -> u.desc = item.str("desc");
      case "tags" -> u.tags = new TreeSet<>(item.seq("tags", false));
      case "priority" -> u.priority = priority();
      case "enabled" -> u.enabled = item.bool("enabled");
      case "warn_evttypes" -> u.warnEvttypes = item.bool("warn_evttypes");
      case "skip-if-unknown-filter" -> u.skipIfUnknownFilter = item.bool(key);
      case "capture" -> u.capture = item.bool("capture");
      case "capture_duration" -> u.captureDuration = item.uint("capture_duration");
      default -> throw new IllegalStateException(key);
    }
  }
}
