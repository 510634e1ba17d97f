package dev.peregrine.cli;

import dev.peregrine.event.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The recorded logs and detection rules the policy commands read, as a picocli {@code @Mixin}:
 * {@code LOG...}, {@code -r/--rules/--detections} and {@code --progress}.
 */
final class DetectionLogs {
  @Parameters(arity = "1..*", paramLabel = "LOG",
      description = "Recorded audit logs: files, directories or - for stdin.")
  List<String> logs = new ArrayList<>();

  @Option(names = {"-r", "--rules", "--detections"}, paramLabel = "RULES",
      description = "Detection rules file or directory (repeatable; default: the built-in"
          + " rules).")
  List<Path> rules = new ArrayList<>();

  @Option(names = "--progress", description = "Show progress on stderr even when it is not a"
      + " terminal.")
  boolean progress;

  /** The compiled detections and the opened logs. */
  record Opened(Detections detections, PolicyInputs inputs) {}

  /** Loads the rules and opens the logs; empty (after printing why) when either fails. */
  Optional<Opened> open(PrintWriter err) throws IOException {
    Optional<Detections> det = Detections.load(rules, err);
    if (det.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Opened(det.get(),
          PolicyInputs.open(logs, err, progress || Progress.stderrIsTerminal())));
    } catch (InputException e) {
      err.println("peregrine: " + e.getMessage());
      return Optional.empty();
    }
  }
}
