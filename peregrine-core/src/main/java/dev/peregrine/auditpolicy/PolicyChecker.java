package dev.peregrine.auditpolicy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The apiserver's policy evaluation ({@code policy/checker.go}): the first rule whose every set
 * field matches decides the level; omitStages is the union of the policy's and the rule's;
 * omitManagedFields is the rule's when set, else the policy's. With no match the level is {@code
 * None}. All comparisons are exact and case-sensitive; {@code *} is special only in resources,
 * group and nonResourceURLs.
 */
public final class PolicyChecker {
  private final Policy policy;
  private final List<Level> levels = new ArrayList<>();
  private final List<Set<Stage>> stages = new ArrayList<>();
  private final Set<Stage> policyStages;

  /**
   * A checker for a policy whose levels and stages are valid.
   *
   * @throws IllegalArgumentException when a level or stage name is not valid
   */
  public PolicyChecker(Policy policy) {
    this.policy = policy;
    this.policyStages = stages(policy.omitStages());
    for (PolicyRule r : policy.rules()) {
      levels.add(r.parsedLevel().orElseThrow(
          () -> new IllegalArgumentException("invalid level: \"" + r.level() + "\"")));
      stages.add(unionStages(policyStages, stages(r.omitStages())));
    }
  }

  /** The decision for one request. */
  public AuditDecision evaluate(RequestAttributes a) {
    for (int i = 0; i < policy.rules().size(); i++) {
      PolicyRule r = policy.rules().get(i);
      if (matches(r, a)) {
        boolean omf = r.omitManagedFields() != null ? r.omitManagedFields()
            : policy.omitManagedFields();
        return new AuditDecision(levels.get(i), stages.get(i), omf, i);
      }
    }
    return new AuditDecision(Level.NONE, policyStages, policy.omitManagedFields(), -1);
  }

  /** The union of two stage sets (upstream {@code unionStages}). */
  public static Set<Stage> unionStages(Set<Stage> a, Set<Stage> b) {
    Set<Stage> s = EnumSet.noneOf(Stage.class);
    s.addAll(a);
    s.addAll(b);
    return s;
  }

  private static Set<Stage> stages(List<String> names) {
    Set<Stage> s = EnumSet.noneOf(Stage.class);
    for (String n : names) {
      s.add(Stage.parse(n).orElseThrow(
          () -> new IllegalArgumentException("invalid stage: \"" + n + "\"")));
    }
    return s;
  }

  /** True when the rule matches the request ({@code ruleMatches}). */
  static boolean matches(PolicyRule r, RequestAttributes a) {
    if (!r.users().isEmpty() && (a.user() == null || !r.users().contains(a.user()))) {
      return false;
    }
    if (!r.userGroups().isEmpty()) {
      if (a.user() == null || a.groups().stream().noneMatch(r.userGroups()::contains)) {
        return false;
      }
    }
    if (!r.verbs().isEmpty() && !r.verbs().contains(a.verb())) {
      return false;
    }
    if (r.resourceBranch()) {
      return matchesResource(r, a);
    }
    if (!r.nonResourceURLs().isEmpty()) {
      return matchesNonResource(r, a);
    }
    return true;
  }

  private static boolean matchesResource(PolicyRule r, RequestAttributes a) {
    if (!a.resourceRequest()) {
      return false;
    }
    if (!r.namespaces().isEmpty() && !r.namespaces().contains(a.namespace())) {
      return false;
    }
    if (r.resources().isEmpty()) {
      return true;
    }
    String combined = a.subresource().isEmpty() ? a.resource()
        : a.resource() + "/" + a.subresource();
    for (GroupResources gr : r.resources()) {
      if (!gr.group().equals(a.apiGroup()) && !gr.group().equals("*")) {
        continue;
      }
      if (gr.resources().isEmpty()) {
        return true;
      }
      for (String res : gr.resources()) {
        if (!gr.resourceNames().isEmpty() && !gr.resourceNames().contains(a.name())) {
          continue;
        }
        if (resourceMatches(res, combined, a.resource(), a.subresource())) {
          return true;
        }
      }
    }
    return false;
  }

  /** One resource pattern against a request's resource and subresource. */
  static boolean resourceMatches(String res, String combined, String resource,
      String subresource) {
    if (res.equals(combined) || res.equals("*")) {
      return true;
    }
    if (res.startsWith("*/") && !subresource.isEmpty()
        && res.substring(2).equals(subresource)) {
      return true;
    }
    return res.endsWith("/*") && res.substring(0, res.length() - 2).equals(resource);
  }

  private static boolean matchesNonResource(PolicyRule r, RequestAttributes a) {
    if (a.resourceRequest()) {
      return false;
    }
    for (String spec : r.nonResourceURLs()) {
      if (pathMatches(a.path(), spec)) {
        return true;
      }
    }
    return false;
  }

  /** A non-resource URL spec against a path: {@code *}, exact, or a prefix before {@code *}. */
  static boolean pathMatches(String path, String spec) {
    if (spec.equals("*") || spec.equals(path)) {
      return true;
    }
    if (spec.endsWith("*")) {
      int end = spec.length();
      while (end > 0 && spec.charAt(end - 1) == '*') {
        end--;
      }
      return path.startsWith(spec.substring(0, end));
    }
    return false;
  }
}
