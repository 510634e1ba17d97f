package dev.peregrine.cli;

import dev.peregrine.bench.Bench;
import dev.peregrine.bench.BenchReport;
import dev.peregrine.bench.Plot;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.rules.RulesInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peregrine bench}: end-to-end throughput against the JSON-parsing limit. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure throughput on a generated corpus held in memory: Jackson stream-skip"
        + " (the limit), readTree, decoding, and detection with the default ruleset, the upstream"
        + " Falco ruleset and many generated rules. Prints a table; --json and --plot save it."})
final class BenchCommand implements Callable<Integer> {
  static final Path UPSTREAM = Path.of("../shared/upstream/falco/k8s_audit_rules.yaml");

  @Option(names = "--count", paramLabel = "N", description = "Events (default ${DEFAULT-VALUE}).")
  int count = 20_000;

  @Option(names = "--seed", paramLabel = "S", description = "Corpus seed (default ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = {"-r", "--rules"}, paramLabel = "FILE",
      description = "Rules replacing the built-in ruleset as the default (repeatable).")
  List<Path> rules = new ArrayList<>();

  @Option(names = "--upstream-rules", paramLabel = "FILE",
      description = "Upstream Falco ruleset (default ${DEFAULT-VALUE} when present).")
  Path upstream = UPSTREAM;

  @Option(names = "--generated-rules", paramLabel = "N",
      description = "Rules in the many-rules workload (default ${DEFAULT-VALUE}).")
  int variants = 500;

  @Option(names = "--warmup", paramLabel = "N", description = "Warm-up passes (default ${DEFAULT-VALUE}).")
  int warmup = 3;

  @Option(names = "--warmup-time", paramLabel = "SECONDS",
      description = "Least time each workload warms up for, after the warm-up passes "
          + "(default ${DEFAULT-VALUE}).")
  double warmupSeconds = 3;

  @Option(names = "--runs", paramLabel = "N", description = "Timed passes (default ${DEFAULT-VALUE}).")
  int runs = 5;

  @Option(names = "--no-curves", description = "Skip the cost-by-size and cost-by-rules curves.")
  boolean noCurves;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
  Path json;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Write the cost curves as PNG.")
  Path plot;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<RulesInput> defaults = RuleSets.read(rules);
    List<RulesInput> up = Files.isRegularFile(upstream)
        ? RuleSets.read(List.of(upstream)) : List.of();
    if (up.isEmpty()) {
      err.println("peregrine: upstream ruleset not found at " + upstream + "; (e) is skipped");
    }
    Bench.Config config;
    try {
      config = new Bench.Config(count, seed, warmup, warmupSeconds, runs, defaults, up, variants,
          !noCurves);
    } catch (IllegalArgumentException e) {
      err.println("peregrine: " + e.getMessage());
      err.flush();
      return Main.EXIT_USAGE;
    }
    FieldRegistry registry = Environment.registry();
    BenchReport report = Bench.run(config, registry, err);
    report.print(out);
    if (json != null) {
      Files.writeString(json, report.toJson().toPrettyString() + "\n");
    }
    if (plot != null && !noCurves) {
      Plot.write(report, plot);
    }
    return 0;
  }
}
