package dev.peregrine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.auditpolicy.SimulationReport;
import dev.peregrine.auditpolicy.SimulationReport.DetectionRow;
import dev.peregrine.auditpolicy.SimulationReport.RuleRow;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The simulation as one JSON object. */
final class SimulationJson {
  private SimulationJson() {}

  static ObjectNode render(SimulationRun run) {
    ObjectMapper m = new ObjectMapper();
    SimulationReport r = run.report();
    ObjectNode root = m.createObjectNode();
    root.put("policy", run.policy());
    run.inputs().forEach(root.putArray("inputs")::add);
    root.put("decodeErrors", run.decodeErrors());
    ObjectNode total = root.putObject("total");
    total.put("events", r.total().events());
    total.put("eventsKept", r.total().eventsKept());
    total.put("bytesIn", r.total().bytesIn());
    total.put("bytesKept", r.total().bytesKept());
    total.put("savedPercent", round(r.total().savedPercent()));
    ArrayNode rules = root.putArray("rules");
    r.rules().forEach(row -> rule(rules.addObject(), row));
    rule(root.putObject("unmatched"), r.unmatched());
    ObjectNode det = root.putObject("detections");
    run.detections().forEach(det.putArray("rulesFiles")::add);
    det.put("lostAlerts", r.lostAlerts());
    ArrayNode byRule = det.putArray("rules");
    r.detections().forEach(d -> detection(byRule.addObject(), d));
    return root;
  }

  private static void rule(ObjectNode o, RuleRow row) {
    o.put("index", row.index());
    o.put("line", row.line());
    o.put("level", row.level());
    o.put("selectors", row.selectors());
    o.put("matched", row.matched());
    o.put("kept", row.kept());
    o.put("stageDropped", row.stageDropped());
    o.put("underRecorded", row.underRecorded());
    o.put("bytesIn", row.bytesIn());
    o.put("bytesKept", row.bytesKept());
  }

  private static void detection(ObjectNode o, DetectionRow d) {
    o.put("rule", d.rule());
    o.put("alertsBefore", d.alertsBefore());
    o.put("alertsAfter", d.alertsAfter());
    o.put("lost", d.lost());
    o.put("lostDropped", d.lostDropped());
    o.put("lostStripped", d.lostStripped());
    o.put("gained", d.gained());
    ObjectNode by = o.putObject("lostByPolicyRule");
    d.lostByPolicyRule().forEach((k, v) -> by.put(String.valueOf(k), v));
    ArrayNode ex = o.putArray("examples");
    for (SimulationReport.LostEvent e : d.examples()) {
      ObjectNode x = ex.addObject();
      x.put("auditID", e.auditId());
      x.put("stage", e.stage());
      x.put("where", e.where());
      x.put("policyRule", e.policyRule());
      x.put("cause", e.cause());
    }
  }

  private static BigDecimal round(double v) {
    return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP);
  }
}
