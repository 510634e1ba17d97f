package dev.peregrine.engine;

import dev.peregrine.event.AuditEvent;
import dev.peregrine.field.FieldReads;
import dev.peregrine.rules.RuleDef;
import java.util.List;

/** A rule ready to run: its condition and output compiled once. */
final class CompiledRule {
  private final RuleDef def;
  private final Condition condition;
  private final Condition residual;
  private final OutputTemplate output;
  private final OutputTemplate.Fields fields;
  /** What comes between the time and the message in an alert's text line. */
  private final String separator;
  private final List<String> tags;
  private final FieldReads reads;
  private final FieldReads outputReads;

  /**
   * @param residual the condition without the checks the rule index verifies for its candidates
   *     ({@link RuleIndex#residual}), or null when there is no index
   * @param timeKey the time field of the alerts' text and {@code output_fields}
   */
  CompiledRule(RuleDef def, Condition condition, Condition residual, OutputTemplate output,
      String timeKey, FieldReads reads, FieldReads outputReads) {
    this.def = def;
    this.residual = residual;
    this.reads = reads;
    this.outputReads = outputReads;
    this.condition = condition;
    this.output = output;
    this.fields = output.fields(timeKey);
    this.separator = ": " + def.priority().label() + " ";
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
   * @param time the read of this rule's time field ({@code timeKey} of the constructor)
   * @param slots slots of an evaluation of the whole event
   */
  Alert alert(Evaluation ev, FieldRead time, int slots) {
    Evaluation e = ev;
    if (outputReads.everything()) {
      AuditEvent whole = ev.event().full();
      e = whole == ev.event() ? ev : new Evaluation(whole, slots);
    }
    String message = output.render(e);
    long nanos = e.event().timeNanos();
    String line = OutputTemplate.text(time, e) + separator + message;
    return new Alert(def.name(), def.priority(), def.source(), tags, nanos, line, message,
        fields.of(e, nanos));
  }
}
