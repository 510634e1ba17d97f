package dev.peregrine.engine;

import dev.peregrine.event.AuditEvent;
import dev.peregrine.field.Extractor;
import dev.peregrine.field.FieldReads;
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
  private final FieldReads reads;
  private final FieldReads outputReads;

  CompiledRule(RuleDef def, Condition condition, OutputTemplate output, FieldReads reads,
      FieldReads outputReads) {
    this.def = def;
    this.reads = reads;
    this.outputReads = outputReads;
    this.condition = condition;
    this.output = output;
    this.tags = List.copyOf(def.tags());
  }

  RuleDef def() {
    return def;
  }

  /** What the condition reads of an event. */
  FieldReads reads() {
    return reads;
  }

  /** What the output reads of an event. */
  FieldReads outputReads() {
    return outputReads;
  }

  boolean matches(AuditEvent e) {
    return condition.eval(e);
  }

  Alert alert(AuditEvent event, Extractor time, String timeKey) {
    AuditEvent e = outputReads.everything() ? event.full() : event;
    String message = output.render(e);
    Map<String, Object> fields = new TreeMap<>();
    output.addFields(e, fields);
    fields.put(timeKey, e.timeNanos());
    String line = OutputTemplate.text(time, e) + ": " + def.priority().label() + " " + message;
    return new Alert(def.name(), def.priority(), def.source(), tags, e.timeNanos(), line, message,
        fields);
  }
}
