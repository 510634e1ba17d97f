package dev.peregrine.auditpolicy;

import java.util.List;
import java.util.Map;

/**
 * What a policy does to a recorded log: per policy rule, in total, and to detections. Sizes are
 * {@link EventBytes}.
 *
 * @param rules one row per policy rule, in policy order
 * @param unmatched requests no rule matched (level None: dropped)
 * @param total all events
 * @param detections one row per detection rule that alerted on the unfiltered log or on the
 *     filtered one, by name
 */
public record SimulationReport(List<RuleRow> rules, RuleRow unmatched, Totals total,
    List<DetectionRow> detections) {
  public SimulationReport {
    rules = List.copyOf(rules);
    detections = List.copyOf(detections);
  }

  /** True when some detection rule loses at least one alert. */
  public boolean detectionLoss() {
    return detections.stream().anyMatch(d -> d.lost() > 0);
  }

  /** Alerts lost over all detection rules. */
  public long lostAlerts() {
    return detections.stream().mapToLong(DetectionRow::lost).sum();
  }

  /**
   * Volume before and after.
   *
   * @param events events read
   * @param eventsKept events the policy writes
   * @param bytesIn bytes of all events read
   * @param bytesKept bytes of the written events after stripping
   */
  public record Totals(long events, long eventsKept, long bytesIn, long bytesKept) {
    /** Percentage of bytes saved, 0 when nothing was read. */
    public double savedPercent() {
      return bytesIn == 0 ? 0 : 100.0 * (bytesIn - bytesKept) / bytesIn;
    }
  }

  /**
   * One policy rule (or the "no rule matched" row, index -1).
   *
   * @param index 0-based rule index, -1 for no match
   * @param line line of the rule in the policy file, 0 when unknown
   * @param level the rule's level
   * @param selectors {@link RuleSummary} of the rule
   * @param matched events the rule decided (first match)
   * @param kept events written
   * @param stageDropped events dropped because their stage is omitted
   * @param underRecorded kept events recorded at a lower level than the rule asks for, so the
   *     kept bytes are a lower bound
   * @param bytesIn bytes of the matched events as recorded
   * @param bytesKept bytes written after stripping
   */
  public record RuleRow(int index, int line, String level, String selectors, long matched,
      long kept, long stageDropped, long underRecorded, long bytesIn, long bytesKept) {}

  /**
   * One detection rule: its alerts on the unfiltered events and on the events as the policy
   * writes them, compared event by event.
   *
   * @param rule detection rule name
   * @param alertsBefore alerts on the unfiltered log
   * @param alertsAfter alerts on the filtered log
   * @param lost alerts before that the same event no longer raises (dropped or stripped)
   * @param lostDropped of those, on events the policy drops
   * @param lostStripped of those, on events kept but stripped below what the rule reads
   * @param gained alerts raised only on the stripped event (a rule that tests for absence)
   * @param lostByPolicyRule lost alerts by deciding policy rule index (-1: no rule matched)
   * @param examples up to five lost events
   */
  public record DetectionRow(String rule, long alertsBefore, long alertsAfter, long lost,
      long lostDropped, long lostStripped, long gained, Map<Integer, Long> lostByPolicyRule,
      List<LostEvent> examples) {
    public DetectionRow {
      lostByPolicyRule = java.util.Collections.unmodifiableMap(
          new java.util.TreeMap<>(lostByPolicyRule));
      examples = List.copyOf(examples);
    }
  }

  /**
   * An event whose alert is lost.
   *
   * @param auditId the event's auditID
   * @param stage the event's stage
   * @param where origin and line, {@code file:line}
   * @param policyRule deciding policy rule index, -1 when none matched
   * @param cause {@code dropped: level None}, {@code dropped: stage omitted} or {@code stripped to
   *     LEVEL}
   */
  public record LostEvent(String auditId, String stage, String where, int policyRule,
      String cause) {}
}
