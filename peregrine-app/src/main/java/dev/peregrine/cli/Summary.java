package dev.peregrine.cli;

import dev.peregrine.engine.Alert;
import dev.peregrine.rules.Priority;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Counts of a replay run, printed in the shape of Falco's end-of-run statistics. */
final class Summary {
  long events;
  long invalid;
  long droppedByPolicy;
  long alerts;
  long elapsedNanos;
  final Map<Priority, Long> byPriority = new EnumMap<>(Priority.class);
  final Map<String, Long> byRule = new LinkedHashMap<>();

  void count(Alert a) {
    alerts++;
    byPriority.merge(a.priority(), 1L, Long::sum);
    byRule.merge(a.rule(), 1L, Long::sum);
  }

  void print(PrintWriter err) {
    err.printf(Locale.ROOT, "Events read: %d, invalid records: %d%n", events, invalid);
    if (droppedByPolicy > 0) {
      err.printf(Locale.ROOT, "Events dropped by the audit policy: %d%n", droppedByPolicy);
    }
    err.printf(Locale.ROOT, "Events detected: %d%n", alerts);
    err.println("Rule counts by severity:");
    byPriority.forEach((p, n) ->
        err.printf(Locale.ROOT, "   %s: %d%n", p.name(), n));
    err.println("Triggered rules by rule name:");
    byRule.forEach((r, n) -> err.printf(Locale.ROOT, "   %s: %d%n", r, n));
    double secs = elapsedNanos / 1e9;
    err.printf(Locale.ROOT, "Elapsed: %.3f s (%.0f events/s)%n", secs,
        secs > 0 ? events / secs : 0.0);
    err.flush();
  }
}
