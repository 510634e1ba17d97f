package dev.peregrine.engine;

import dev.peregrine.event.AuditEvent;
import dev.peregrine.field.Extractor;
import dev.peregrine.rules.RuleDef;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A rule ready to run: its condition and output compiled once. */
final class CompiledRule {
  private final RuleDef def;
  private final Condition condition;
  private final OutputTemplate output;
  private final List<String> tags;

  CompiledRule(RuleDef def, Condition condition, OutputTemplate output) {
    this.def = def;
    this.condition = condition;
    this.output = output;
    this.tags = List.copyOf(def.tags());
  }

  RuleDef def() {
    return def;
  }

  boolean matches(AuditEvent e) {
    return condition.eval(e);
  }

  Alert alert(AuditEvent e, Extractor time, String timeKey) {
    String message = output.render(e);
    Map<String, Object> fields = new TreeMap<>();
    output.addFields(e, fields);
    fields.put(timeKey, e.timeNanos());
    String line = OutputTemplate.text(time, e) + ": " + def.priority().label() + " " + message;
    return new Alert(def.name(), def.priority(), def.source(), tags, e.timeNanos(), line, message,
        fields);
  }
}
