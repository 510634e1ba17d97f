package dev.peregrine.cli;

import dev.peregrine.engine.Alert;
import dev.peregrine.engine.Engine;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.DecodeError;
import dev.peregrine.event.DecodeLimits;
import dev.peregrine.event.EventDecoder;
import dev.peregrine.event.Input;
import dev.peregrine.event.InputException;
import dev.peregrine.event.InputFiles;
import dev.peregrine.event.ParallelDecoder;
import dev.peregrine.output.AlertSink;
import dev.peregrine.output.Outputs;
import dev.peregrine.output.SinkStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code peregrine replay}: evaluates recorded audit events and prints alerts. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Evaluate recorded audit events (JSON lines, Event, EventList or arrays; gzip"
        + " detected) and send alerts to the configured outputs (stdout by default) and a"
        + " summary to stderr."})
final class ReplayCommand implements Callable<Integer> {
  @Mixin RuleOptions ruleOptions;

  @Mixin FormatOption formatOption;

  @Mixin AuditPolicyOption auditPolicy;

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR|-",
      description = "Audit log files, directories (their files, by name) or - for stdin.")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--strict",
      description = "Exit with status 1 when any record was not an audit event.")
  boolean strict;

  @Option(names = "--max-event-size", paramLabel = "BYTES",
      description = "Largest accepted event in bytes (default ${DEFAULT-VALUE}).")
  long maxEventSize = DecodeLimits.DEFAULT_MAX_EVENT_BYTES;

  @Option(names = "--threads", paramLabel = "N",
      description = "Decode and evaluate on N threads (default: the number of processors);"
          + " alerts and errors keep input order. JSON lines are split between threads; other"
          + " layouts are read on one thread from the first place where lines are not records.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--selective-decode", negatable = true, defaultValue = "true",
      fallbackValue = "true",
      description = "Build only the parts of each event that the rules and outputs read"
          + " (default on; off with --no-selective-decode or with --audit-policy).")
  boolean selectiveDecode = true;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** How long the end of a replay waits for outputs to deliver what is queued. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  /** Monotonic clock for the elapsed time in the summary; replaced in tests. */
  LongSupplier nanoClock = System::nanoTime;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (threads < 1) {
      err.println("peregrine: --threads must be at least 1");
      return Main.EXIT_USAGE;
    }
    Config config;
    try {
      config = ruleOptions.config(err);
    } catch (IllegalArgumentException e) {
      err.println("peregrine: " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (ConfigException e) {
      return e.report(err, "nothing was evaluated");
    }
    Engine.Build build = ruleOptions.buildEngine(config, err);
    if (build.engine().isEmpty()) {
      err.println("peregrine: rules have errors; nothing was evaluated");
      return 1;
    }
    List<Input> files;
    try {
      files = InputFiles.expand(inputs);
    } catch (InputException e) {
      err.println("peregrine: " + e.getMessage());
      return 1;
    }
    OutputsFactory.Opened outputs;
    try {
      outputs = OutputsFactory.open(config, out, err, true, CLOSE_WAIT);
    } catch (ConfigException e) {
      return e.report(err, "nothing was evaluated");
    }
    if (config.file().enabled() || config.program().enabled()) {
      Signals.onUsr1(outputs.outputs()::reopen);
    }
    Summary summary = new Summary();
    long start = nanoClock.getAsLong();
    try (outputs) {
      evaluate(build.engine().get(), files, outputs.sink(), summary, err);
    }
    out.flush();
    summary.elapsedNanos = nanoClock.getAsLong() - start;
    summary.print(err);
    printOutputStats(outputs.outputs(), err);
    return strict && summary.invalid > 0 ? 1 : 0;
  }

  /** What evaluating one event gave: its alerts, or empty when the audit policy dropped it. */
  private record Outcome(Optional<List<Alert>> alerts) {}

  private void evaluate(Engine engine, List<Input> files, AlertSink sink, Summary summary,
      PrintWriter err) {
    EventDecoder decoder = formatOption.decoder(new DecodeLimits(maxEventSize));
    if (selectiveDecode && auditPolicy.file() == null) {
      decoder = decoder.withSelection(engine.selection());
    }
    var policy = auditPolicy.enforcer();
    Function<AuditEvent, Outcome> work =
        recorded -> new Outcome(policy.apply(recorded).map(engine::process));
    Consumer<Outcome> results = o -> {
      summary.events++;
      o.alerts().ifPresentOrElse(alerts -> {
        for (Alert a : alerts) {
          summary.count(a);
          sink.accept(a);
        }
      }, () -> summary.droppedByPolicy++);
    };
    Consumer<DecodeError> errors = error -> {
      summary.invalid++;
      err.println(error.render());
    };
    try (ParallelDecoder parallel = threads > 1 ? new ParallelDecoder(decoder, threads) : null) {
      for (Input input : files) {
        try (InputStream in = input.open()) {
          if (parallel != null) {
            parallel.decode(in, input.name(), work, results, errors);
          } else {
            decoder.decode(in, input.name(), e -> results.accept(work.apply(e)), errors);
          }
        } catch (IOException e) {
          err.println("peregrine: " + input.name() + ": " + e.getMessage());
          summary.invalid++;
        }
      }
    }
  }

  /** One line per output when outputs other than stdout ran or any alert was lost. */
  private static void printOutputStats(Outputs outputs, PrintWriter err) {
    List<SinkStats.Snapshot> stats = outputs.stats();
    boolean interesting = stats.stream().anyMatch(s -> !s.name().equals("stdout") || s.lost() > 0);
    if (!interesting) {
      return;
    }
    err.println("Outputs:");
    for (SinkStats.Snapshot s : stats) {
      err.println("  " + s.name() + ": " + s.delivered() + " delivered, " + s.dropped()
          + " dropped, " + s.failed() + " failed" + (s.retries() > 0 ? ", " + s.retries()
          + " retries" : "") + (s.possiblyLost() > 0 ? ", " + s.possiblyLost()
          + " possibly lost" : ""));
    }
    err.flush();
  }

}
