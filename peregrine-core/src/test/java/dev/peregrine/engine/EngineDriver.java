package dev.peregrine.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.diag.Issue;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.Json;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.rules.LoadResult;
import dev.peregrine.rules.RulesInput;
import dev.peregrine.rules.RulesLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * In-memory test driver: rules text in, events in, alerts out. No files, no sockets; time comes
 * from each event and text times are rendered in UTC.
 */
final class EngineDriver {
  static final long TIME = 1_700_000_000_123_456_000L;

  private final Engine engine;
  private final List<Issue> issues;

  private EngineDriver(Engine engine, List<Issue> issues) {
    this.engine = engine;
    this.issues = issues;
  }

  /** Builds from rules files' contents (loaded in order); throws if there are errors. */
  static EngineDriver of(EngineOptions options, String... rulesFiles) {
    Engine.Build b = build(options, rulesFiles);
    if (b.engine().isEmpty()) {
      throw new AssertionError("rules have errors:\n" + String.join("\n",
          b.issues().stream().map(Issue::render).toList()));
    }
    return new EngineDriver(b.engine().get(), b.issues());
  }

  static EngineDriver of(String... rulesFiles) {
    return of(EngineOptions.defaults(), rulesFiles);
  }

  /** Loads and compiles without failing, for tests about diagnostics. */
  static Engine.Build build(EngineOptions options, String... rulesFiles) {
    RulesInput[] inputs = new RulesInput[rulesFiles.length];
    for (int i = 0; i < rulesFiles.length; i++) {
      inputs[i] = new RulesInput("rules" + (i + 1) + ".yaml", rulesFiles[i]);
    }
    LoadResult load = new RulesLoader().load(Arrays.asList(inputs));
    return Engine.build(load, registry(), options);
  }

  static FieldRegistry registry() {
    return FieldRegistry.standard(ZoneOffset.UTC, "test-host");
  }

  /** A one-rule ruleset whose condition is {@code condition}. */
  static String ruleWith(String condition) {
    return """
        - rule: r
          desc: test rule
          condition: %s
          output: hit
          priority: WARNING
          source: k8s_audit
        """.formatted(quoteYaml(condition));
  }

  private static String quoteYaml(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static AuditEvent event(String json) {
    try {
      return new AuditEvent((ObjectNode) Json.mapper().readTree(json), TIME, "test", 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Alert> process(String eventJson) {
    return engine.process(event(eventJson));
  }

  Engine engine() {
    return engine;
  }

  List<Issue> issues() {
    return issues;
  }
}
