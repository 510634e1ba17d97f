package dev.peregrine.auditpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.event.AuditEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Replays recorded events through a policy: each event is decided and stripped by a {@link
 * PolicyEnforcer}, its bytes before and after are counted per deciding rule, and the detector is
 * run on the event as recorded and on the event as written; every alert the first raises and the
 * second does not is a lost alert. Feed events with {@link #accept}, then take the {@link
 * #report}. Not thread-safe.
 */
public final class PolicySimulator {
  static final int EXAMPLES = 5;

  private final Policy policy;
  private final PolicyChecker checker;
  private final Function<AuditEvent, List<String>> detector;
  private final long[][] rows;
  private final Map<String, Det> detections = new TreeMap<>();
  private final List<AuditEvent> lostEvents = new ArrayList<>();
  private final int keepLost;

  /** Counters per rule row: matched, kept, stageDropped, underRecorded, bytesIn, bytesKept. */
  private static final int MATCHED = 0;
  private static final int KEPT = 1;
  private static final int STAGE = 2;
  private static final int UNDER = 3;
  private static final int BYTES_IN = 4;
  private static final int BYTES_KEPT = 5;

  /**
   * A simulator.
   *
   * @param policy a valid policy
   * @param detector names of the detection rules that alert on an event, one entry per alert
   * @param keepLost how many events with lost alerts to keep for {@link #lostEvents()}
   */
  public PolicySimulator(Policy policy, Function<AuditEvent, List<String>> detector,
      int keepLost) {
    this.policy = policy;
    this.checker = new PolicyChecker(policy);
    this.detector = detector;
    this.rows = new long[policy.rules().size() + 1][6];
    this.keepLost = keepLost;
  }

  /** A simulator that keeps no lost events. */
  public PolicySimulator(Policy policy, Function<AuditEvent, List<String>> detector) {
    this(policy, detector, 0);
  }

  /** Replays one event. */
  public void accept(AuditEvent event) {
    AuditDecision d = checker.evaluate(RequestAttributes.fromEvent(event));
    PolicyEnforcer.Outcome o = PolicyEnforcer.apply(event, d);
    long[] row = rows[d.ruleIndex() + 1];
    long in = EventBytes.of(event.json());
    row[MATCHED]++;
    row[BYTES_IN] += in;
    AuditEvent written = null;
    String cause;
    switch (o) {
      case PolicyEnforcer.Dropped dr -> {
        row[STAGE] += dr.stageOmitted() ? 1 : 0;
        cause = dr.stageOmitted() ? "dropped: stage omitted" : "dropped: level None";
      }
      case PolicyEnforcer.Kept k -> {
        written = k.event();
        row[KEPT]++;
        row[UNDER] += k.underRecorded() ? 1 : 0;
        row[BYTES_KEPT] += written == event ? in : EventBytes.of(written.json());
        cause = "stripped to " + k.level().wire();
      }
    }
    compare(event, written, d.ruleIndex(), cause);
  }

  private void compare(AuditEvent event, AuditEvent written, int ruleIndex, String cause) {
    List<String> before = detector.apply(event);
    List<String> after = written == null ? List.of() : detector.apply(written);
    if (before.isEmpty() && after.isEmpty()) {
      return;
    }
    Map<String, Integer> left = new HashMap<>();
    after.forEach(a -> left.merge(a, 1, Integer::sum));
    boolean lostAny = false;
    for (String rule : before) {
      Det det = detections.computeIfAbsent(rule, Det::new);
      det.before++;
      if (left.getOrDefault(rule, 0) > 0) {
        left.merge(rule, -1, Integer::sum);
        continue;
      }
      lostAny = true;
      det.lost(written == null, ruleIndex, event, cause);
    }
    for (String rule : after) {
      detections.computeIfAbsent(rule, Det::new).after++;
    }
    left.forEach((rule, n) -> {
      if (n > 0) {
        detections.get(rule).gained += n;
      }
    });
    if (lostAny && lostEvents.size() < keepLost) {
      lostEvents.add(event);
    }
  }

  /** Events with at least one lost alert, up to the number asked for. */
  public List<AuditEvent> lostEvents() {
    return List.copyOf(lostEvents);
  }

  /** The report so far. */
  public SimulationReport report() {
    List<SimulationReport.RuleRow> out = new ArrayList<>();
    long[] t = new long[6];
    for (int i = 0; i < rows.length; i++) {
      for (int k = 0; k < 6; k++) {
        t[k] += rows[i][k];
      }
    }
    for (int i = 0; i < policy.rules().size(); i++) {
      PolicyRule r = policy.rules().get(i);
      String path = "rules[" + i + "]";
      int line = policy.locations().has(path) ? policy.locations().of(path).line() : 0;
      out.add(row(i, line, r.level(), RuleSummary.of(r), rows[i + 1]));
    }
    SimulationReport.RuleRow none = row(-1, 0, Level.NONE.wire(), "(no rule matched)", rows[0]);
    List<SimulationReport.DetectionRow> dets = detections.values().stream()
        .map(Det::row).toList();
    return new SimulationReport(out, none,
        new SimulationReport.Totals(t[MATCHED], t[KEPT], t[BYTES_IN], t[BYTES_KEPT]), dets);
  }

  private static SimulationReport.RuleRow row(int i, int line, String level, String sel,
      long[] c) {
    return new SimulationReport.RuleRow(i, line, level, sel, c[MATCHED], c[KEPT], c[STAGE],
        c[UNDER], c[BYTES_IN], c[BYTES_KEPT]);
  }

  /** Counters of one detection rule. */
  private static final class Det {
    final String rule;
    long before;
    long after;
    long lostDropped;
    long lostStripped;
    long gained;
    final Map<Integer, Long> byRule = new TreeMap<>();
    final List<SimulationReport.LostEvent> examples = new ArrayList<>();

    Det(String rule) {
      this.rule = rule;
    }

    void lost(boolean dropped, int ruleIndex, AuditEvent e, String cause) {
      if (dropped) {
        lostDropped++;
      } else {
        lostStripped++;
      }
      byRule.merge(ruleIndex, 1L, Long::sum);
      if (examples.size() < EXAMPLES) {
        examples.add(new SimulationReport.LostEvent(text(e.get("auditID")),
            text(e.get("stage")), e.origin() + ":" + e.line(), ruleIndex, cause));
      }
    }

    SimulationReport.DetectionRow row() {
      return new SimulationReport.DetectionRow(rule, before, after, lostDropped + lostStripped,
          lostDropped, lostStripped, gained, byRule, examples);
    }
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? "" : n.asText();
  }
}
