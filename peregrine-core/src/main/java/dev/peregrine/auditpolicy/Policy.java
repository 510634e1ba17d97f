package dev.peregrine.auditpolicy;

import java.util.List;

/**
 * An audit.k8s.io Policy as written: ordered rules (the first match wins), stages omitted for
 * every rule, and the default for {@code omitManagedFields}.
 *
 * @param apiVersion as written ({@code audit.k8s.io/v1})
 * @param kind as written ({@code Policy})
 * @param rules the rules in order
 * @param omitStages stage names omitted for every rule
 * @param omitManagedFields the policy default (false when unset)
 * @param keyProblems unknown and duplicate keys, which the apiserver drops or overrides
 * @param locations where every field was written
 */
public record Policy(
    String apiVersion,
    String kind,
    List<PolicyRule> rules,
    List<String> omitStages,
    boolean omitManagedFields,
    List<KeyProblem> keyProblems,
    Locations locations) {
  public Policy {
    rules = List.copyOf(rules);
    omitStages = List.copyOf(omitStages);
    keyProblems = List.copyOf(keyProblems);
  }

  /** A policy built in code (no file, no positions). */
  public static Policy of(List<PolicyRule> rules, List<String> omitStages,
      boolean omitManagedFields) {
    return new Policy("audit.k8s.io/v1", "Policy", rules, omitStages, omitManagedFields, List.of(),
        Locations.none("<policy>"));
  }
}
