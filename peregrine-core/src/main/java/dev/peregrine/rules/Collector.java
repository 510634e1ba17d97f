package dev.peregrine.rules;

import dev.peregrine.rules.Infos.Entry;
import dev.peregrine.rules.Infos.ExceptionInfo;
import dev.peregrine.rules.Infos.ListInfo;
import dev.peregrine.rules.Infos.MacroInfo;
import dev.peregrine.rules.Infos.RuleInfo;
import dev.peregrine.rules.Infos.RuleUpdate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers definitions from all files in order: define (a redefinition keeps the first position),
 * append, selective replace and enable, with Falco's consistency checks.
 */
final class Collector {
  private final Map<String, ListInfo> lists = new LinkedHashMap<>();
  private final Map<String, MacroInfo> macros = new LinkedHashMap<>();
  private final Map<String, RuleInfo> rules = new LinkedHashMap<>();
  private final List<PluginRequirement> plugins = new ArrayList<>();
  private Semver requiredEngine;
  private int curIndex;

  Map<String, ListInfo> lists() {
    return lists;
  }

  Map<String, MacroInfo> macros() {
    return macros;
  }

  Map<String, RuleInfo> rules() {
    return rules;
  }

  List<PluginRequirement> plugins() {
    return plugins;
  }

  Semver requiredEngine() {
    return requiredEngine;
  }

  static LoadException error(String message, int pos) {
    return new LoadException(Codes.ERR_VALIDATE, message, pos);
  }

  void defineEngineVersion(Semver required, int pos) {
    Semver engine = Semver.parse(RulesLoader.ENGINE_VERSION);
    if (!engine.compatibleWith(required)) {
      throw error("Rules require engine version " + required + ", but engine version is "
          + engine, pos);
    }
    if (requiredEngine == null || requiredEngine.compareTo(required) < 0) {
      requiredEngine = required;
    }
  }

  void definePlugin(PluginRequirement req) {
    Set<String> names = new HashSet<>();
    for (PluginRequirement.Version v : req.alternatives()) {
      if (Semver.parse(v.version()) == null) {
        throw error("Invalid required version '" + v.version() + "' for plugin '" + v.name()
            + "'", req.pos());
      }
      if (!names.add(v.name())) {
        throw error("Defined multiple alternative version requirements for plugin '"
            + v.name() + "'", req.pos());
      }
    }
    plugins.add(req);
  }

  void define(ListInfo info) {
    ListInfo prev = lists.get(info.name);
    info.index = prev != null ? prev.index : curIndex;
    info.visibility = curIndex++;
    lists.put(info.name, info);
  }

  void append(ListInfo info) {
    ListInfo prev = lists.get(info.name);
    if (prev == null) {
      throw error(Codes.ERROR_NO_PREVIOUS_LIST, info.pos);
    }
    prev.items.addAll(info.items);
    prev.visibility = curIndex++;
  }

  void define(MacroInfo info) {
    MacroInfo prev = macros.get(info.name);
    info.index = prev != null ? prev.index : curIndex;
    info.visibility = curIndex++;
    macros.put(info.name, info);
  }

  void append(MacroInfo info) {
    MacroInfo prev = macros.get(info.name);
    if (prev == null) {
      throw error(Codes.ERROR_NO_PREVIOUS_MACRO, info.pos);
    }
    prev.cond = prev.cond.joinWithSpace(info.cond);
    prev.visibility = curIndex++;
  }

  void define(RuleInfo info) {
    RuleInfo prev = rules.get(info.name);
    if (prev != null && !prev.source.equals(info.source)) {
      throw error("Rule has been re-defined with a different source", info.pos);
    }
    for (ExceptionInfo ex : info.exceptions) {
      if (ex.fields == null || !ex.fields.valid()) {
        throw error("Rule exception item must have fields property with a list of fields",
            ex.pos);
      }
      validateException(ex);
    }
    info.index = prev != null ? prev.index : curIndex;
    info.visibility = curIndex++;
    rules.put(info.name, info);
  }

  void enable(String name, boolean enabled, int pos) {
    RuleInfo prev = rules.get(name);
    if (prev == null) {
      throw error("Rule has 'enabled' key but no rule by that name already exists", pos);
    }
    prev.enabled = enabled;
  }

  void append(RuleUpdate u) {
    RuleInfo prev = rules.get(u.name);
    if (prev == null) {
      throw error(Codes.ERROR_NO_PREVIOUS_RULE_APPEND, u.pos);
    }
    if (!u.hasAnyValue()) {
      throw error("Appended rule must have exceptions or condition property", u.pos);
    }
    if (u.exceptions != null) {
      checkAppendedExceptions(prev, u.exceptions);
    }
    if (u.cond != null && !u.cond.isEmpty()) {
      prev.cond = prev.cond.joinWithSpace(u.cond);
    }
    if (u.output != null && !u.output.isEmpty()) {
      prev.output = prev.output + " " + u.output;
    }
    if (u.desc != null && !u.desc.isEmpty()) {
      prev.desc = prev.desc + " " + u.desc;
    }
    if (u.tags != null) {
      prev.tags.addAll(u.tags);
    }
    if (u.exceptions != null) {
      appendExceptions(prev, u.exceptions);
    }
    prev.visibility = curIndex++;
  }

  private void checkAppendedExceptions(RuleInfo prev, List<ExceptionInfo> added) {
    for (ExceptionInfo ex : added) {
      boolean exists = prev.exceptions.stream().anyMatch(p -> p.name.equals(ex.name));
      if (!exists) {
        if (ex.fields == null || !ex.fields.valid()) {
          throw error("Rule exception must have fields property with a list of fields", ex.pos);
        }
        if (ex.values.isEmpty()) {
          throw error("Rule exception must have values property with a list of values", ex.pos);
        }
        validateException(ex);
      } else if (ex.fields != null) {
        throw error("Can not append exception fields to existing exception, only values",
            ex.pos);
      } else if (ex.comps != null) {
        throw error("Can not append exception comps to existing exception, only values", ex.pos);
      }
    }
  }

  private static void appendExceptions(RuleInfo prev, List<ExceptionInfo> added) {
    for (ExceptionInfo ex : added) {
      ExceptionInfo existing = prev.exceptions.stream()
          .filter(p -> p.name.equals(ex.name)).findFirst().orElse(null);
      if (existing == null) {
        prev.exceptions.add(ex);
      } else {
        existing.values.addAll(ex.values);
      }
    }
  }

  void replace(RuleUpdate u) {
    RuleInfo prev = rules.get(u.name);
    if (prev == null) {
      throw error(Codes.ERROR_NO_PREVIOUS_RULE_REPLACE, u.pos);
    }
    if (!u.hasAnyValue()) {
      throw error("The rule must have at least one field that can be replaced", u.pos);
    }
    if (u.exceptions != null) {
      for (ExceptionInfo ex : u.exceptions) {
        if (ex.fields == null || !ex.fields.valid()) {
          throw error("Rule exception item must have fields property with a list of fields",
              ex.pos);
        }
        validateException(ex);
      }
    }
    applyReplace(prev, u);
    prev.visibility = curIndex++;
  }

  private static void applyReplace(RuleInfo prev, RuleUpdate u) {
    if (u.cond != null) {
      prev.cond = u.cond;
    }
    if (u.output != null) {
      prev.output = u.output;
      prev.outputPos = u.outputPos;
    }
    if (u.desc != null) {
      prev.desc = u.desc;
    }
    if (u.tags != null) {
      prev.tags = u.tags;
    }
    if (u.exceptions != null) {
      prev.exceptions = new ArrayList<>(u.exceptions);
    }
    if (u.priority != null) {
      prev.priority = u.priority;
    }
    if (u.enabled != null) {
      prev.enabled = u.enabled;
    }
    if (u.warnEvttypes != null) {
      prev.warnEvttypes = u.warnEvttypes;
    }
    if (u.skipIfUnknownFilter != null) {
      prev.skipIfUnknownFilter = u.skipIfUnknownFilter;
    }
    if (u.capture != null) {
      prev.capture = u.capture;
    }
    if (u.captureDuration != null) {
      prev.captureDuration = u.captureDuration;
    }
  }

  /** Fills in default comps and checks fields/comps shapes and operators. */
  static void validateException(ExceptionInfo ex) {
    if (ex.fields.isList()) {
      if (ex.comps == null || !ex.comps.valid()) {
        List<Entry> eq = new ArrayList<>();
        for (Entry f : ex.fields.items()) {
          eq.add(Entry.scalar(MappedText.of("=", f.item().start())));
        }
        ex.comps = Entry.list(eq);
      }
      if (ex.fields.items().size() != ex.comps.items().size()) {
        throw error("Fields and comps lists must have equal length", ex.pos);
      }
      for (Entry c : ex.comps.items()) {
        if (!Operators.isSupported(c.text())) {
          throw error("'" + c.text() + "' is not a supported comparison operator", ex.pos);
        }
      }
      return;
    }
    if (ex.comps == null || !ex.comps.valid()) {
      ex.comps = Entry.scalar(MappedText.of("in", ex.fields.item().start()));
    }
    if (ex.comps.isList()) {
      throw error("Fields and comps must both be strings", ex.pos);
    }
    String c = ex.comps.text();
    if (!c.equals("in") && !c.equals("pmatch") && !c.equals("intersects")
        && !Operators.isModifierOp(c)) {
      throw error("When fields is a single value, comps must be one of (in, pmatch, intersects)"
          + " or a modifier operator (e.g. 'startswith oneof')", ex.pos);
    }
  }
}
