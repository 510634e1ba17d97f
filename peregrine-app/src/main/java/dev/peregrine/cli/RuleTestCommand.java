package dev.peregrine.cli;

import dev.peregrine.cli.RuleTestRunner.CaseResult;
import dev.peregrine.cli.RuleTestSpec.AlertExpectation;
import dev.peregrine.cli.RuleTestSpec.Case;
import dev.peregrine.cli.RuleTestSpec.RulesRef;
import dev.peregrine.cli.RuleTestSpec.TestFile;
import dev.peregrine.engine.Alert;
import dev.peregrine.engine.Engine;
import dev.peregrine.engine.EngineOptions;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.rules.RuleDef;
import dev.peregrine.rules.RulesInput;
import dev.peregrine.rules.RulesLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code peregrine rules test}: runs rule unit tests (docs/rules-testing.md). */
@Command(name = "test", mixinStandardHelpOptions = true,
    description = {"Run rule tests: YAML files of audit events and the alerts they must (or must"
        + " not) raise. Without PATH, runs the bundled tests of the built-in ruleset.",
        "Exit status 1 when a test fails."})
final class RuleTestCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "PATH",
      description = "Test files or directories (their *.yaml/*.yml files, recursively).")
  List<Path> paths = new ArrayList<>();

  @Option(names = {"-r", "--rules"}, paramLabel = "RULES",
      description = "The ruleset under test ('default' in test files), loaded in order."
          + " Default: the built-in ruleset.")
  List<Path> rules = new ArrayList<>();

  @Option(names = "--junit-xml", paramLabel = "FILE",
      description = "Also write a JUnit XML report to FILE.")
  Path junitXml;

  @Option(names = {"-v", "--verbose"}, description = "List passing tests too.")
  boolean verbose;

  @Option(names = "--coverage",
      description = "Fail unless every rule of the ruleset under test has a positive and a"
          + " negative test.")
  boolean coverage;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<RulesInput> ruleset = RuleSets.read(rules);
    List<TestFile> files = new ArrayList<>();
    try {
      for (RuleTestFiles.Source s : paths.isEmpty() ? RuleTestFiles.bundled()
          : RuleTestFiles.fromPaths(paths)) {
        files.add(RuleTestReader.read(s.origin(), s.text()));
      }
    } catch (RuleTestReader.BadTestFile | IOException | IllegalStateException e) {
      err.println("peregrine: " + e.getMessage());
      err.flush();
      return 1;
    }
    FieldRegistry registry = Environment.registry();
    RuleTestRunner runner = new RuleTestRunner(ruleset, registry);
    List<CaseResult> results = new ArrayList<>();
    for (TestFile f : files) {
      results.addAll(runner.run(f));
    }
    report(out, results);
    boolean ok = results.stream().allMatch(CaseResult::passed);
    if (coverage) {
      ok &= printCoverage(out, ruleset, registry, files);
    }
    if (junitXml != null) {
      Files.writeString(junitXml, JUnitXmlReport.render(results), StandardCharsets.UTF_8);
    }
    out.flush();
    return ok ? 0 : 1;
  }

  private void report(PrintWriter out, List<CaseResult> results) {
    int failed = 0;
    for (CaseResult r : results) {
      if (r.passed()) {
        if (verbose) {
          out.println("PASS " + r.file() + ": " + r.test());
        }
        continue;
      }
      failed++;
      out.println((r.error() ? "ERROR " : "FAIL ") + r.file() + ": " + r.test());
      for (String p : r.problems()) {
        out.println("  " + p);
      }
      if (!r.error()) {
        out.println("  alerts raised (" + r.alerts().size() + "):");
        for (Alert a : r.alerts()) {
          out.println("    " + a.priority().label() + " " + a.rule() + ": " + a.message());
        }
      }
    }
    long files = results.stream().map(CaseResult::file).distinct().count();
    out.printf(Locale.ROOT, "%d test(s) in %d file(s): %d passed, %d failed%n", results.size(),
        files, results.size() - failed, failed);
  }

  /** Prints the rules without a positive or negative test; true when there are none. */
  private static boolean printCoverage(PrintWriter out, List<RulesInput> ruleset,
      FieldRegistry registry, List<TestFile> files) {
    Engine.Build build = Engine.build(new RulesLoader().load(ruleset), registry,
        EngineOptions.defaults());
    if (build.engine().isEmpty()) {
      out.println("coverage: the ruleset under test has errors");
      return false;
    }
    Set<String> positive = new LinkedHashSet<>();
    Set<String> negative = new LinkedHashSet<>();
    for (TestFile f : files) {
      for (Case c : f.cases()) {
        if (c.rules().stream().noneMatch(r -> r instanceof RulesRef.Default)) {
          continue;
        }
        for (AlertExpectation a : c.expect().alerts()) {
          (a.negative() ? negative : positive).add(a.rule());
        }
        negative.addAll(c.expect().absent());
      }
    }
    List<String> missing = new ArrayList<>();
    for (RuleDef r : build.engine().get().loadedRules()) {
      if (!positive.contains(r.name())) {
        missing.add("no positive test: " + r.name());
      }
      if (!negative.contains(r.name())) {
        missing.add("no negative test: " + r.name());
      }
    }
    missing.forEach(m -> out.println("coverage: " + m));
    out.printf(Locale.ROOT, "coverage: %d rule(s), %d without a positive test, %d without a"
        + " negative test%n", build.engine().get().loadedRules().size(),
        missing.stream().filter(m -> m.startsWith("no positive")).count(),
        missing.stream().filter(m -> m.startsWith("no negative")).count());
    return missing.isEmpty();
  }
}
