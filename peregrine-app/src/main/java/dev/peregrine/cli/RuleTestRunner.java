package dev.peregrine.cli;

import dev.peregrine.cli.RuleTestSpec.AlertExpectation;
import dev.peregrine.cli.RuleTestSpec.Case;
import dev.peregrine.cli.RuleTestSpec.EventSource;
import dev.peregrine.cli.RuleTestSpec.Expect;
import dev.peregrine.cli.RuleTestSpec.Options;
import dev.peregrine.cli.RuleTestSpec.RulesRef;
import dev.peregrine.cli.RuleTestSpec.TestFile;
import dev.peregrine.diag.Issue;
import dev.peregrine.engine.Alert;
import dev.peregrine.engine.Engine;
import dev.peregrine.engine.EngineOptions;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.EventDecoder;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.rules.Priority;
import dev.peregrine.rules.RulesInput;
import dev.peregrine.rules.RulesLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs rule tests: loads each test's rules (engines are shared between tests with the same rules
 * and options), feeds its events, and compares the alerts with the expectations.
 */
final class RuleTestRunner {
  /**
   * The outcome of one test.
   *
   * @param file the test file's name
   * @param test the test's name
   * @param problems what did not match, one readable line each; empty when the test passed
   * @param error true when the test could not run (rules with errors, unreadable events)
   * @param alerts the alerts raised
   * @param nanos how long it took
   */
  record CaseResult(String file, String test, List<String> problems, boolean error,
      List<Alert> alerts, long nanos) {
    boolean passed() {
      return problems.isEmpty();
    }
  }

  private final List<RulesInput> defaultRules;
  private final FieldRegistry registry;
  private final EventDecoder decoder = new EventDecoder();
  private final Map<String, Engine.Build> engines = new HashMap<>();

  /** A runner whose {@code default} ruleset is {@code defaultRules}. */
  RuleTestRunner(List<RulesInput> defaultRules, FieldRegistry registry) {
    this.defaultRules = List.copyOf(defaultRules);
    this.registry = Objects.requireNonNull(registry);
  }

  /** Runs every test of {@code file}, in order. */
  List<CaseResult> run(TestFile file) {
    List<CaseResult> out = new ArrayList<>();
    for (Case c : file.cases()) {
      long start = System.nanoTime();
      CaseResult r;
      try {
        r = runCase(file, c, start);
      } catch (CaseError e) {
        r = new CaseResult(file.origin().name(), c.name(), List.of(e.getMessage()), true,
            List.of(), System.nanoTime() - start);
      }
      out.add(r);
    }
    return out;
  }

  private CaseResult runCase(TestFile file, Case c, long start) throws CaseError {
    Engine engine = engine(file, c.rules(), c.options());
    List<Alert> alerts = new ArrayList<>();
    for (EventSource src : c.events()) {
      byte[] bytes;
      String origin;
      switch (src) {
        case EventSource.Inline in -> {
          bytes = in.json();
          origin = "event " + in.index();
        }
        case EventSource.File f -> {
          origin = file.origin().nameOf(f.path());
          try {
            bytes = file.origin().read(f.path());
          } catch (IOException e) {
            throw new CaseError("cannot read event file " + origin + ": " + e.getMessage());
          }
        }
      }
      List<String> bad = new ArrayList<>();
      decoder.decode(bytes, origin, (AuditEvent ev) -> alerts.addAll(engine.process(ev)),
          err -> bad.add(err.render()));
      if (!bad.isEmpty()) {
        throw new CaseError("not an audit event: " + String.join("; ", bad));
      }
    }
    List<String> problems = new ArrayList<>(unknownRules(c.expect(), engine));
    problems.addAll(check(c.expect(), alerts));
    return new CaseResult(file.origin().name(), c.name(), problems, false, List.copyOf(alerts),
        System.nanoTime() - start);
  }

  private Engine engine(TestFile file, List<RulesRef> refs, Options options) throws CaseError {
    List<RulesInput> inputs = new ArrayList<>();
    for (RulesRef ref : refs) {
      switch (ref) {
        case RulesRef.Default d -> inputs.addAll(defaultRules);
        case RulesRef.Inline in -> inputs.add(new RulesInput(in.name(), in.yaml()));
        case RulesRef.File f -> {
          try {
            inputs.add(new RulesInput(file.origin().nameOf(f.path()),
                new String(file.origin().read(f.path()), StandardCharsets.UTF_8)));
          } catch (IOException e) {
            throw new CaseError("cannot read rules file " + f.path() + ": " + e.getMessage());
          }
        }
      }
    }
    StringBuilder key = new StringBuilder(options.toString());
    for (RulesInput in : inputs) {
      key.append('\0').append(in.name()).append('\0').append(in.content());
    }
    Engine.Build build = engines.computeIfAbsent(key.toString(), k -> build(inputs, options));
    if (build.engine().isEmpty()) {
      StringBuilder msg = new StringBuilder("rules have errors:");
      build.issues().stream().filter(Issue::isError)
          .forEach(i -> msg.append("\n    ").append(i.render().replace("\n", "\n    ")));
      throw new CaseError(msg.toString());
    }
    return build.engine().get();
  }

  private Engine.Build build(List<RulesInput> inputs, Options options) {
    EngineOptions eo = EngineOptions.defaults().withMatchAll(options.matchAll());
    if (options.minPriority() != null) {
      eo = eo.withMinPriority(Priority.parse(options.minPriority()).orElseThrow());
    }
    return Engine.build(new RulesLoader().load(inputs), registry, eo);
  }

  /** Expected rule names that the loaded rules do not define (usually a typo). */
  private static List<String> unknownRules(Expect expect, Engine engine) {
    java.util.Set<String> known = new java.util.HashSet<>();
    engine.loadedRules().forEach(r -> known.add(r.name()));
    List<String> names = new ArrayList<>(expect.absent());
    expect.alerts().forEach(a -> names.add(a.rule()));
    return names.stream().filter(n -> !known.contains(n)).distinct()
        .map(n -> n + ": no rule of this name is loaded").toList();
  }

  /** Compares the alerts with the expectations; one line per mismatch. */
  static List<String> check(Expect expect, List<Alert> alerts) {
    Map<String, List<Alert>> byRule = new LinkedHashMap<>();
    for (Alert a : alerts) {
      byRule.computeIfAbsent(a.rule(), k -> new ArrayList<>()).add(a);
    }
    List<String> problems = new ArrayList<>();
    for (AlertExpectation e : expect.alerts()) {
      checkRule(e, byRule.getOrDefault(e.rule(), List.of()), problems);
    }
    for (String rule : expect.absent()) {
      int n = byRule.getOrDefault(rule, List.of()).size();
      if (n > 0) {
        problems.add(rule + ": expected no alert, got " + n);
      }
    }
    Map<String, Integer> others = new TreeMap<>();
    for (Map.Entry<String, List<Alert>> e : byRule.entrySet()) {
      boolean listed = expect.alerts().stream().anyMatch(x -> x.rule().equals(e.getKey()));
      boolean absent = expect.absent().contains(e.getKey());
      if (!listed && !absent && (expect.silent() || expect.exclusive())) {
        others.put(e.getKey(), e.getValue().size());
      }
    }
    others.forEach((rule, n) -> problems.add(rule + ": expected no alert ("
        + (expect.silent() ? "silent" : "exclusive") + "), got " + n));
    return List.copyOf(problems);
  }

  private static void checkRule(AlertExpectation e, List<Alert> got, List<String> problems) {
    if (e.count() != null && got.size() != e.count()) {
      problems.add(e.rule() + ": expected " + plural(e.count()) + ", got " + got.size());
      return;
    }
    if (e.count() == null && got.isEmpty()) {
      problems.add(e.rule() + ": expected at least 1 alert, got 0");
      return;
    }
    if (got.isEmpty()) {
      return;
    }
    if (e.priority() != null && got.stream().noneMatch(a -> a.priority().label()
        .equalsIgnoreCase(e.priority()) || Priority.parse(e.priority())
        .map(p -> p == a.priority()).orElse(false))) {
      problems.add(e.rule() + ": expected priority " + e.priority() + ", got "
          + got.get(0).priority().label());
    }
    if (!e.outputFields().isEmpty() || e.outputContains() != null) {
      if (got.stream().noneMatch(a -> details(e, a).isEmpty())) {
        for (int i = 0; i < got.size(); i++) {
          for (String d : details(e, got.get(i))) {
            problems.add(e.rule() + (got.size() > 1 ? " (alert " + (i + 1) + ")" : "") + ": " + d);
          }
        }
      }
    }
  }

  /** The output-field and text mismatches of one alert. */
  private static List<String> details(AlertExpectation e, Alert a) {
    List<String> out = new ArrayList<>();
    e.outputFields().forEach((field, want) -> {
      if (!a.outputFields().containsKey(field)) {
        out.add("output field " + field + " is not in the rule's output (fields: "
            + a.outputFields().keySet() + ")");
        return;
      }
      Object have = a.outputFields().get(field);
      if (!sameValue(want, have)) {
        out.add("output field " + field + ": expected " + show(want) + ", got " + show(have));
      }
    });
    if (e.outputContains() != null && !a.message().contains(e.outputContains())) {
      out.add("output: expected to contain " + show(e.outputContains()) + ", got "
          + show(a.message()));
    }
    return out;
  }

  private static boolean sameValue(Object want, Object have) {
    if (want == null || have == null) {
      return want == have;
    }
    if (have instanceof List<?> l && want instanceof String s) {
      return s.equals("(" + String.join(",", l.stream().map(String::valueOf).toList()) + ")");
    }
    if (want instanceof List<?> w && have instanceof List<?> h) {
      return w.equals(h.stream().map(String::valueOf).toList());
    }
    return String.valueOf(want).equals(String.valueOf(have));
  }

  private static String show(Object v) {
    if (v == null) {
      return "<NA>";
    }
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }

  private static String plural(int n) {
    return n == 0 ? "no alert" : n + (n == 1 ? " alert" : " alerts");
  }

  /** A test that could not run. */
  private static final class CaseError extends Exception {
    CaseError(String message) {
      super(message);
    }
  }
}
