package dev.peregrine.cli;

import dev.peregrine.auditpolicy.SimulationReport;
import dev.peregrine.auditpolicy.SimulationReport.DetectionRow;
import dev.peregrine.auditpolicy.SimulationReport.RuleRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulation as one self-contained HTML page: inline CSS, charts as inline SVG, no scripts
 * and no external assets, so it can be mailed or attached to a ticket.
 */
final class SimulationHtml {
  static final int CHART_WIDTH = 720;
  static final int LABEL_WIDTH = 200;
  static final int BAR = 14;
  static final String IN_COLOR = "#b0b7c3";
  static final String KEPT_COLOR = "#2b6cb0";

  private SimulationHtml() {}

  static String render(SimulationRun run) {
    SimulationReport r = run.report();
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Audit policy simulation: ").append(esc(run.policy())).append("</title>")
        .append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#1a202c}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{padding:4px 8px;")
        .append("border-bottom:1px solid #e2e8f0;text-align:right}td.l,th.l{text-align:left}")
        .append(".lost{color:#c53030;font-weight:bold}.ok{color:#2f855a}")
        .append("code{font-size:90%}</style></head><body>\n");
    sb.append("<h1>Audit policy simulation</h1>\n<p>Policy <code>").append(esc(run.policy()))
        .append("</code> on <code>").append(esc(String.join(", ", run.inputs())))
        .append("</code>. Sizes are the bytes of each event's JSON line.</p>\n");
    SimulationReport.Totals t = r.total();
    sb.append(String.format(Locale.ROOT, "<p><b>%,d</b> events &rarr; <b>%,d</b> kept; <b>%s"
        + "</b> &rarr; <b>%s</b>: <b>%s saved</b>.</p>%n", t.events(), t.eventsKept(),
        Sizes.human(t.bytesIn()), Sizes.human(t.bytesKept()), Sizes.percent(t.savedPercent())));
    sb.append("<h2>Volume</h2>\n");
    sb.append(chart(List.of(new Bar("all events", t.bytesIn(), t.bytesKept()))));
    sb.append("<h2>Per policy rule</h2>\n");
    List<RuleRow> rows = new ArrayList<>(r.rules());
    rows.add(r.unmatched());
    sb.append(chart(rows.stream().map(row -> new Bar(label(row), row.bytesIn(),
        row.bytesKept())).toList()));
    ruleTable(sb, rows);
    detections(sb, run);
    sb.append("</body></html>\n");
    return sb.toString();
  }

  record Bar(String label, long in, long kept) {}

  /** Horizontal bars, bytes in (grey) with bytes kept (blue) over them. */
  static String chart(List<Bar> bars) {
    long max = Math.max(1, bars.stream().mapToLong(Bar::in).max().orElse(1));
    int rowH = BAR + 10;
    int h = bars.size() * rowH + 30;
    int w = CHART_WIDTH - LABEL_WIDTH - 110;
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
        + " height=\"%d\" role=\"img\" font-size=\"12\">%n", CHART_WIDTH, h));
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = i * rowH + 5;
      long win = Math.round((double) b.in() * w / max);
      long wkept = Math.round((double) b.kept() * w / max);
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s"
          + "</text>", LABEL_WIDTH - 6, y + BAR - 2, esc(b.label())));
      sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
          + " fill=\"%s\"><title>in: %s</title></rect>", LABEL_WIDTH, y, win, BAR, IN_COLOR,
          Sizes.human(b.in())));
      sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\""
          + " fill=\"%s\"><title>kept: %s</title></rect>", LABEL_WIDTH, y, wkept, BAR,
          KEPT_COLOR, Sizes.human(b.kept())));
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s &#8594; %s</text>%n",
          LABEL_WIDTH + win + 6, y + BAR - 2, Sizes.human(b.in()), Sizes.human(b.kept())));
    }
    int ly = bars.size() * rowH + 15;
    sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\""
        + " fill=\"%s\"/><text x=\"%d\" y=\"%d\">bytes in</text><rect x=\"%d\" y=\"%d\""
        + " width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">bytes kept</text>%n",
        LABEL_WIDTH, ly, IN_COLOR, LABEL_WIDTH + 14, ly + 9, LABEL_WIDTH + 90, ly, KEPT_COLOR,
        LABEL_WIDTH + 104, ly + 9));
    return sb.append("</svg>\n").toString();
  }

  private static String label(RuleRow row) {
    return (row.index() < 0 ? "no rule" : "#" + row.index()) + " " + row.level();
  }

  private static void ruleTable(StringBuilder sb, List<RuleRow> rows) {
    sb.append("<table><tr><th>rule</th><th>line</th><th class=\"l\">level</th><th>matched</th>"
        + "<th>kept</th><th>bytes in</th><th>bytes kept</th><th class=\"l\">selectors</th>"
        + "</tr>\n");
    for (RuleRow row : rows) {
      sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td class=\"l\">%s</td>"
          + "<td>%,d</td><td>%,d</td><td>%s</td><td>%s</td><td class=\"l\"><code>%s</code></td>"
          + "</tr>%n", row.index() < 0 ? "-" : "#" + row.index(),
          row.line() > 0 ? row.line() : "-", row.level(), row.matched(), row.kept(),
          Sizes.human(row.bytesIn()), Sizes.human(row.bytesKept()), esc(row.selectors())));
    }
    sb.append("</table>\n");
  }

  private static void detections(StringBuilder sb, SimulationRun run) {
    SimulationReport r = run.report();
    sb.append("<h2>Detections</h2>\n<p>Rules: <code>")
        .append(esc(String.join(", ", run.detections()))).append("</code>. ");
    sb.append(r.detectionLoss()
        ? "<span class=\"lost\">" + r.lostAlerts() + " alert(s) lost.</span>"
        : "<span class=\"ok\">No detection loses its input.</span>").append("</p>\n");
    if (r.detections().isEmpty()) {
      return;
    }
    sb.append("<table><tr><th class=\"l\">rule</th><th>alerts</th><th>after</th><th>lost</th>"
        + "</tr>\n");
    for (DetectionRow d : r.detections()) {
      sb.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td>%d</td><td>%d</td>"
          + "<td class=\"%s\">%d</td></tr>%n", esc(d.rule()), d.alertsBefore(), d.alertsAfter(),
          d.lost() > 0 ? "lost" : "ok", d.lost()));
    }
    sb.append("</table>\n<ul>\n");
    for (DetectionRow d : r.detections()) {
      for (SimulationReport.LostEvent e : d.examples()) {
        sb.append("<li>").append(esc(d.rule())).append(": auditID <code>")
            .append(esc(e.auditId())).append("</code> (").append(esc(e.where())).append("): ")
            .append(esc(e.cause())).append(" by ").append(esc(run.ruleRef(e.policyRule())))
            .append("</li>\n");
      }
    }
    sb.append("</ul>\n");
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
