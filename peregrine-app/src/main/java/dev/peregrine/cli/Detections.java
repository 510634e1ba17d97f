package dev.peregrine.cli;

import dev.peregrine.engine.Alert;
import dev.peregrine.engine.Engine;
import dev.peregrine.engine.EngineOptions;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.rules.RulesInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The detection rules a policy command checks coverage for: the given rules files, or the
 * built-in ruleset, compiled with every matching rule reported per event.
 *
 * @param names the rules inputs, for reports
 * @param detector names of the rules alerting on an event, one entry per alert
 */
record Detections(List<String> names, Function<AuditEvent, List<String>> detector) {
  /** Loads the rules; empty (after printing the issues) when they have errors. */
  static Optional<Detections> load(List<Path> paths, PrintWriter err) throws IOException {
    List<RulesInput> inputs = RuleSets.read(paths);
    FieldRegistry registry = Environment.registry();
    Engine.Build build = RuleSets.build(inputs, registry,
        EngineOptions.defaults().withMatchAll(true), err);
    if (build.engine().isEmpty()) {
      err.println("peregrine: detection rules have errors");
      err.flush();
      return Optional.empty();
    }
    Engine engine = build.engine().get();
    return Optional.of(new Detections(inputs.stream().map(RulesInput::name).toList(),
        e -> engine.process(e).stream().map(Alert::rule).toList()));
  }
}
