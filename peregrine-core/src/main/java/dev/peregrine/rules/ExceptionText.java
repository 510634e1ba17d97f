package dev.peregrine.rules;

import dev.peregrine.rules.Infos.Entry;
import dev.peregrine.rules.Infos.ExceptionInfo;
import java.util.List;

/**
 * Folds a rule's exceptions into its condition text (Falco's {@code build_rule_exception_infos}):
 * {@code (cond) and not X1 and not X2 ...}. Generated punctuation maps to the exception item,
 * fields, operators and values to where they were written.
 */
final class ExceptionText {
  private ExceptionText() {}

  /** The condition with exceptions; unchanged when there are none. */
  static MappedText apply(MappedText cond, List<ExceptionInfo> exceptions) {
    if (exceptions.isEmpty()) {
      return cond;
    }
    MappedText.Builder b = new MappedText.Builder();
    b.add("(", cond.start()).add(cond).add(")", cond.at(cond.length()));
    for (ExceptionInfo ex : exceptions) {
      MappedText x = ex.fields.isList() ? tuple(ex) : single(ex);
      if (!x.isEmpty()) {
        b.add(" and not ", ex.pos).add(x);
      }
    }
    return b.build();
  }

  /** {@code (f comp (v1, v2, ...))}; empty without values. */
  private static MappedText single(ExceptionInfo ex) {
    MappedText.Builder b = new MappedText.Builder();
    for (Entry v : ex.values) {
      if (v.isList()) {
        throw Collector.error("Expected values array to contain a list of strings", ex.pos);
      }
      if (b.length() == 0) {
        b.add("(", ex.pos).add(ex.fields.item()).add(" ", ex.pos).add(ex.comps.item())
            .add(" (", ex.pos);
      } else {
        b.add(", ", ex.pos);
      }
      b.add(quoted(v.item()));
    }
    if (b.length() > 0) {
      b.add("))", ex.pos);
    }
    return b.build();
  }

  /** {@code ((f1 c1 v1 and f2 c2 v2) or (...))}; empty without values. */
  private static MappedText tuple(ExceptionInfo ex) {
    if (ex.values.isEmpty()) {
      return MappedText.of("", ex.pos);
    }
    List<Entry> fields = ex.fields.items();
    MappedText.Builder b = new MappedText.Builder().add("(", ex.pos);
    for (int i = 0; i < ex.values.size(); i++) {
      Entry values = ex.values.get(i);
      if (values.items().size() != fields.size()) {
        throw Collector.error("Fields and values lists must have equal length", ex.pos);
      }
      b.add(i == 0 ? "(" : " or (", ex.pos);
      for (int k = 0; k < fields.size(); k++) {
        Entry comp = ex.comps.items().get(k);
        MappedText w = value(values.items().get(k), comp.text(), ex.pos);
        b.add(k == 0 ? "" : " and ", ex.pos).add(fields.get(k).item()).add(" ", ex.pos)
            .add(comp.item()).add(" ", ex.pos).add(w);
      }
      b.add(")", ex.pos);
    }
    return b.add(")", ex.pos).build();
  }

  private static MappedText value(Entry v, String comp, int exPos) {
    if (v.isList()) {
      int at = v.items().isEmpty() ? exPos : v.items().get(0).item().start();
      MappedText.Builder b = new MappedText.Builder().add("(", at);
      for (int i = 0; i < v.items().size(); i++) {
        b.add(i == 0 ? "" : ", ", at).add(quoted(v.items().get(i).item()));
      }
      return b.add(")", at).build();
    }
    MappedText t = v.item();
    if (Operators.isForList(comp)) {
      if (t.text().startsWith("(")) {
        return t;
      }
      return new MappedText.Builder().add("(", t.start()).add(t).add(")", t.at(t.length()))
          .build();
    }
    return quoted(t);
  }

  private static MappedText quoted(MappedText t) {
    if (ListSubstitution.quoteItem(t.text()).equals(t.text())) {
      return t;
    }
    return new MappedText.Builder().add("\"", t.start()).add(t).add("\"", t.at(t.length()))
        .build();
  }
}
