package dev.peregrine.cli;

import dev.peregrine.engine.Alert;
import dev.peregrine.engine.Engine;
import dev.peregrine.event.DecodeLimits;
import dev.peregrine.event.EventDecoder;
import dev.peregrine.event.Input;
import dev.peregrine.event.InputException;
import dev.peregrine.event.InputFiles;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.output.AlertFormatter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code peregrine replay}: evaluates recorded audit events and prints alerts. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Evaluate recorded audit events (JSON lines, Event, EventList or arrays; gzip"
        + " detected) and print alerts to stdout and a summary to stderr."})
final class ReplayCommand implements Callable<Integer> {
  @Mixin RuleOptions ruleOptions;

  @Mixin FormatOption formatOption;

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR|-",
      description = "Audit log files, directories (their files, by name) or - for stdin.")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--strict",
      description = "Exit with status 1 when any record was not an audit event.")
  boolean strict;

  @Option(names = "--max-event-size", paramLabel = "BYTES",
      description = "Largest accepted event in bytes (default ${DEFAULT-VALUE}).")
  long maxEventSize = DecodeLimits.DEFAULT_MAX_EVENT_BYTES;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Monotonic clock for the elapsed time in the summary; replaced in tests. */
  LongSupplier nanoClock = System::nanoTime;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RuleOptions.Settings settings;
    try {
      settings = ruleOptions.settings();
    } catch (IllegalArgumentException e) {
      err.println("peregrine: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    FieldRegistry registry = FieldRegistry.standard(Environment.zone(), Environment.hostname());
    Engine.Build build = RuleSets.build(RuleSets.read(ruleOptions.rules), registry,
        ruleOptions.engineOptions(settings), err);
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
    AlertFormatter formatter = new AlertFormatter(
        settings.json() ? new AlertFormatter.JsonOptions(settings.includeOutput(),
            settings.includeOutputFields(), settings.includeTags(), settings.includeMessage())
            : null,
        Environment.hostname());
    Summary summary = new Summary();
    long start = nanoClock.getAsLong();
    Engine engine = build.engine().get();
    EventDecoder decoder = formatOption.decoder(new DecodeLimits(maxEventSize));
    for (Input input : files) {
      try (InputStream in = input.open()) {
        decoder.decode(in, input.name(), event -> {
          summary.events++;
          for (Alert a : engine.process(event)) {
            summary.count(a);
            out.println(formatter.format(a));
          }
        }, error -> {
          summary.invalid++;
          err.println(error.render());
        });
      } catch (IOException e) {
        err.println("peregrine: " + input.name() + ": " + e.getMessage());
        summary.invalid++;
      }
      out.flush();
    }
    summary.elapsedNanos = nanoClock.getAsLong() - start;
    summary.print(err);
    return strict && summary.invalid > 0 ? 1 : 0;
  }
}
