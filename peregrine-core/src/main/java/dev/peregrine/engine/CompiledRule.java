package dev.peregrine.engine;

import dev.peregrine.event.AuditEvent;
import dev.peregrine.field.FieldReads;
import dev.peregrine.rules.RuleDef;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A rule ready to run: its condition and output compiled once. */
final class CompiledRule {
  private final RuleDef def;
  private final Condition condition;
  private final Condition residual;
  private final OutputTemplate output;
  private final List<String> tags;
  private final FieldReads reads;
  private final FieldReads outputReads;

  /**
   * @param residual the condition without the checks the rule index verifies for its candidates
   *     ({@link RuleIndex#residual}), or null when there is no index
   */
  CompiledRule(RuleDef def, Condition condition, Condition residual, OutputTemplate output,
      FieldReads reads, FieldReads outputReads) {
    this.def = def;
    this.residual = residual;
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

  /**
   * Whether the rule's condition holds; for a candidate of an index whose facts hold, only what
   * the index did not check is evaluated.
   */
  boolean matches(Evaluation e) {
    return (residual != null && e.factsVerified() ? residual : condition).eval(e);
  }

  /**
   * The alert for the event of {@code ev}. An output that may read anything is rendered from the
   * whole event, in an evaluation of its own.
   *
   * @param slots slots of an evaluation of the whole event
   */
  Alert alert(Evaluation ev, FieldRead time, String timeKey, int slots) {
    Evaluation e = ev;
    if (outputReads.everything()) {
      AuditEvent whole = ev.event().full();
      e = whole == ev.event() ? ev : new Evaluation(whole, slots);
    }
    String message = output.render(e);
    Map<String, Object> fields = new TreeMap<>();
    output.addFields(e, fields);
    long nanos = e.event().timeNanos();
    fields.put(timeKey, nanos);
    String line = OutputTemplate.text(time, e) + ": " + def.priority().label() + " " + message;
    return new Alert(def.name(), def.priority(), def.source(), tags, nanos, line, message,
        fields);
  }
}
