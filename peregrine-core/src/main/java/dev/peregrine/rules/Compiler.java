package dev.peregrine.rules;

import dev.peregrine.lang.Expr;
import dev.peregrine.lang.ParseResult;
import dev.peregrine.lang.Parser;
import dev.peregrine.rules.Infos.ListInfo;
import dev.peregrine.rules.Infos.MacroInfo;
import dev.peregrine.rules.Infos.RuleInfo;
import dev.peregrine.rules.MacroResolver.Def;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns collected items into rules (Falco's {@code rule_loader::compiler}): expands lists inside
 * lists, substitutes lists into conditions, parses, resolves macros and folds exceptions in. A
 * failing macro or rule is reported and the others are still compiled.
 */
final class Compiler {
  private final Collector col;
  private final Diags diags;
  private final Map<String, List<String>> lists = new LinkedHashMap<>();
  private final Set<String> usedLists = new HashSet<>();
  private final Map<String, Def> macros = new HashMap<>();
  private final Set<String> usedMacros = new HashSet<>();

  Compiler(Collector col, Diags diags) {
    this.col = col;
    this.diags = diags;
  }

  List<RuleDef> compile() {
    compileLists();
    compileMacros();
    List<RuleDef> out = new ArrayList<>();
    for (RuleInfo r : col.rules().values()) {
      out.add(compileRule(r, out.size()));
    }
    if (!diags.hasErrors()) {
      warnUnused();
    }
    return out;
  }

  /** One-level expansion of lists defined earlier; every item quoted. */
  private void compileLists() {
    for (ListInfo l : col.lists().values()) {
      List<String> items = new ArrayList<>();
      for (String item : l.items) {
        ListInfo ref = col.lists().get(item);
        if (ref != null && ref.index < l.visibility) {
          usedLists.add(ref.name);
          ref.items.forEach(v -> items.add(ListSubstitution.quoteItem(v)));
        } else {
          items.add(ListSubstitution.quoteItem(item));
        }
      }
      lists.put(l.name, items);
    }
  }

  /** Lists substituted in definition order, then parsed; positions mapped to the files. */
  MappedText substituteLists(MappedText cond) {
    MappedText t = cond;
    for (Map.Entry<String, List<String>> l : lists.entrySet()) {
      MappedText s = ListSubstitution.substitute(t, l.getKey(), l.getValue());
      if (s != null) {
        t = s;
        usedLists.add(l.getKey());
      }
    }
    return t;
  }

  private Expr parse(MappedText text) {
    ParseResult r = Parser.parse(text.text(), text::at);
    return switch (r) {
      case ParseResult.Ok ok -> ok.expr();
      case ParseResult.Error err ->
          throw new LoadException(Codes.ERR_COMPILE_CONDITION, err.message(), err.pos());
    };
  }

  private void compileMacros() {
    Map<String, Expr> raw = new HashMap<>();
    for (MacroInfo m : col.macros().values()) {
      try {
        raw.put(m.name, parse(substituteLists(m.cond)));
      } catch (LoadException e) {
        diags.error(e);
        macros.put(m.name, new Def.Broken());
      }
    }
    for (MacroInfo m : col.macros().values()) {
      Expr ast = raw.get(m.name);
      if (ast == null) {
        continue;
      }
      try {
        Expr resolved = MacroResolver.resolve(ast, m.name, name -> {
          MacroInfo other = col.macros().get(name);
          if (other == null || other.index >= m.visibility) {
            return null;
          }
          Def d = macros.get(name);
          return d != null ? d : new Def.Tree(raw.get(name));
        }, usedMacros);
        macros.put(m.name, new Def.Tree(resolved));
      } catch (LoadException e) {
        diags.error(e);
        macros.put(m.name, new Def.Broken());
      } catch (MacroResolver.BrokenReference e) {
        macros.put(m.name, new Def.Broken());
      }
    }
  }

  private RuleDef compileRule(RuleInfo r, int ordinal) {
    MappedText text = r.cond;
    Expr expr = null;
    try {
      text = substituteLists(ExceptionText.apply(r.cond, r.exceptions));
      expr = MacroResolver.resolve(parse(text), null, macros::get, usedMacros);
    } catch (LoadException e) {
      diags.error(e);
    } catch (MacroResolver.BrokenReference e) {
      expr = null;
    }
    return new RuleDef(r.name, ordinal, r.desc, r.source, expr, text.text(), r.output,
        r.outputPos, r.priority, new TreeSet<>(r.tags), r.enabled, r.skipIfUnknownFilter, r.pos,
        List.of());
  }

  private void warnUnused() {
    for (MacroInfo m : col.macros().values()) {
      if (!usedMacros.contains(m.name)) {
        diags.warn(Codes.UNUSED_MACRO, "Macro not referred to by any other rule/macro", m.pos);
      }
    }
    for (ListInfo l : col.lists().values()) {
      if (!usedLists.contains(l.name)) {
        diags.warn(Codes.UNUSED_LIST, "List not referred to by any other rule/macro", l.pos);
      }
    }
  }
}
