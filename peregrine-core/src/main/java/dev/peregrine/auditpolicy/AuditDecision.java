package dev.peregrine.auditpolicy;

import java.util.Set;

/**
 * What a policy decides for one request.
 *
 * @param level the audit level ({@link Level#NONE} when no rule matched)
 * @param omitStages stages not emitted: the union of the policy's and the matched rule's
 * @param omitManagedFields whether managedFields are removed from logged objects
 * @param ruleIndex 0-based index of the matched rule, or -1 when none matched
 */
public record AuditDecision(Level level, Set<Stage> omitStages, boolean omitManagedFields,
    int ruleIndex) {
  public AuditDecision {
    omitStages = Set.copyOf(omitStages);
  }

  /** True when a rule matched. */
  public boolean matched() {
    return ruleIndex >= 0;
  }
}
