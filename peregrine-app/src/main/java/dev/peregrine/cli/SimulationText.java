package dev.peregrine.cli;

import dev.peregrine.auditpolicy.SimulationReport;
import dev.peregrine.auditpolicy.SimulationReport.DetectionRow;
import dev.peregrine.auditpolicy.SimulationReport.RuleRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The simulation as a readable table. */
final class SimulationText {
  static final int SELECTORS_WIDTH = 60;

  private SimulationText() {}

  static String render(SimulationRun run) {
    SimulationReport r = run.report();
    StringBuilder sb = new StringBuilder();
    SimulationReport.Totals t = r.total();
    sb.append(String.format(Locale.ROOT, "Policy %s on %,d events (%s) from %s%n", run.policy(),
        t.events(), Sizes.human(t.bytesIn()), String.join(", ", run.inputs())));
    if (run.decodeErrors() > 0) {
      sb.append(String.format(Locale.ROOT, "%,d record(s) were not audit events and were"
          + " skipped%n", run.decodeErrors()));
    }
    sb.append('\n');
    rules(sb, r);
    sb.append(String.format(Locale.ROOT, "%nTotal: %,d events -> %,d kept; %s -> %s (%s saved)%n",
        t.events(), t.eventsKept(), Sizes.human(t.bytesIn()), Sizes.human(t.bytesKept()),
        Sizes.percent(t.savedPercent())));
    long under = r.rules().stream().mapToLong(RuleRow::underRecorded).sum();
    if (under > 0) {
      sb.append(String.format(Locale.ROOT, "%,d kept event(s) were recorded at a lower level"
          + " than their rule asks for (marked *): their kept bytes are a lower bound.%n", under));
    }
    sb.append('\n');
    detections(sb, run);
    return sb.toString().replaceAll("(?m)[ \t]+$", "");
  }

  private static void rules(StringBuilder sb, SimulationReport r) {
    String fmt = "%-4s %5s  %-15s %8s %8s %10s %10s %7s  %s%n";
    sb.append(String.format(Locale.ROOT, fmt, "rule", "line", "level", "matched", "kept",
        "bytes in", "bytes kept", "saved", "selectors"));
    List<RuleRow> rows = new ArrayList<>(r.rules());
    rows.add(r.unmatched());
    for (RuleRow row : rows) {
      double saved = row.bytesIn() == 0 ? 0 : 100.0 * (row.bytesIn() - row.bytesKept())
          / row.bytesIn();
      String sel = row.selectors();
      if (sel.length() > SELECTORS_WIDTH) {
        sel = sel.substring(0, SELECTORS_WIDTH - 3) + "...";
      }
      String kept = String.format(Locale.ROOT, "%,d", row.kept())
          + (row.underRecorded() > 0 ? "*" : "");
      String stage = row.stageDropped() > 0
          ? String.format(Locale.ROOT, " (%,d dropped by omitStages)", row.stageDropped()) : "";
      sb.append(String.format(Locale.ROOT, fmt, row.index() < 0 ? "-" : "#" + row.index(),
          row.line() > 0 ? String.valueOf(row.line()) : "-", row.level(),
          String.format(Locale.ROOT, "%,d", row.matched()), kept, Sizes.human(row.bytesIn()),
          Sizes.human(row.bytesKept()), row.matched() == 0 ? "-" : Sizes.percent(saved),
          sel + stage));
    }
  }

  private static void detections(StringBuilder sb, SimulationRun run) {
    SimulationReport r = run.report();
    sb.append("Detections (").append(String.join(", ", run.detections())).append("):\n");
    if (r.detections().isEmpty()) {
      sb.append("  no detection rule alerts on these events\n");
      return;
    }
    String fmt = "  %-48s %7s %7s %6s  %s%n";
    sb.append(String.format(Locale.ROOT, fmt, "rule", "alerts", "after", "lost", "where"));
    for (DetectionRow d : r.detections()) {
      sb.append(String.format(Locale.ROOT, fmt, d.rule(), d.alertsBefore(), d.alertsAfter(),
          d.lost(), where(run, d)));
    }
    if (!r.detectionLoss()) {
      sb.append("No detection loses its input.\n");
      return;
    }
    sb.append(String.format(Locale.ROOT, "%,d alert(s) lost. Examples:%n", r.lostAlerts()));
    for (DetectionRow d : r.detections()) {
      for (SimulationReport.LostEvent e : d.examples()) {
        sb.append(String.format(Locale.ROOT, "  %s: auditID %s stage %s at %s: %s by %s%n",
            d.rule(), e.auditId(), e.stage(), e.where(), e.cause(), run.ruleRef(e.policyRule())));
      }
    }
  }

  private static String where(SimulationRun run, DetectionRow d) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<Integer, Long> e : d.lostByPolicyRule().entrySet()) {
      parts.add(e.getValue() + " by " + run.ruleRef(e.getKey()));
    }
    if (d.gained() > 0) {
      parts.add(d.gained() + " new on stripped events");
    }
    return String.join("; ", parts);
  }
}
