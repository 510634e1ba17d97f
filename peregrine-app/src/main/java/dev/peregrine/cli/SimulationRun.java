package dev.peregrine.cli;

import dev.peregrine.auditpolicy.SimulationReport;
import java.util.List;

/**
 * A simulation and what it ran on, for the renderers.
 *
 * @param policy the policy file as given
 * @param inputs the logs read, in order
 * @param detections the detection rules inputs
 * @param decodeErrors records that were not audit events
 * @param report the simulation
 */
record SimulationRun(String policy, List<String> inputs, List<String> detections,
    long decodeErrors, SimulationReport report) {
  SimulationRun {
    inputs = List.copyOf(inputs);
    detections = List.copyOf(detections);
  }

  /** "rules[i] (line n)" or "no rule" for index -1. */
  String ruleRef(int index) {
    if (index < 0) {
      return "no rule (level None)";
    }
    int line = report.rules().get(index).line();
    return "rules[" + index + "]" + (line > 0 ? " (line " + line + ")" : "");
  }
}
