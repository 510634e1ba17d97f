package dev.peregrine.auditpolicy;

import static dev.peregrine.auditpolicy.PolicyLinter.FAILED_AUTH_DROPPED;
import static dev.peregrine.auditpolicy.PolicyLinter.GROUP_WILDCARD_VERSION;
import static dev.peregrine.auditpolicy.PolicyLinter.LEVEL_MISSING_CONTINUATION;
import static dev.peregrine.auditpolicy.PolicyLinter.MANAGED_FIELDS_NO_EFFECT;
import static dev.peregrine.auditpolicy.PolicyLinter.NAMELESS_VERBS;
import static dev.peregrine.auditpolicy.PolicyLinter.NEVER_MATCHES;
import static dev.peregrine.auditpolicy.PolicyLinter.NON_RESOURCE_BODY_LEVEL;
import static dev.peregrine.auditpolicy.PolicyLinter.NO_CATCH_ALL;
import static dev.peregrine.auditpolicy.PolicyLinter.RESOURCE_SHAPE;
import static dev.peregrine.auditpolicy.PolicyLinter.SECRETS_LOGGED;
import static dev.peregrine.auditpolicy.PolicyLinter.SHADOWED;
import static dev.peregrine.auditpolicy.PolicyLinter.STAR_LITERAL;
import static dev.peregrine.auditpolicy.PolicyLinter.UNSEEN_VERB;
import static dev.peregrine.auditpolicy.PolicyLinter.WRONG_GROUP;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The checks of {@link PolicyLinter}, one method per concern. */
final class RuleLints {
  private RuleLints() {}

  /** Checks that look at one rule alone. */
  static void rule(PolicyLinter.Ctx c, int i) {
    PolicyRule r = c.policy.rules().get(i);
    String p = "rules[" + i + "]";
    List<String> dead = new ArrayList<>();
    starLiterals(c, p, "users", r.users(), dead);
    starLiterals(c, p, "userGroups", r.userGroups(), dead);
    starLiterals(c, p, "namespaces", r.namespaces(), dead);
    verbs(c, p, r, dead);
    resources(c, p, r, dead);
    levelHints(c, p, r);
    if (r.level().isEmpty() && i > 0 && !c.policy.rules().get(i - 1).level().isEmpty()
        && !r.catchAll()) {
      c.warn(LEVEL_MISSING_CONTINUATION, p, p + " has no level; if its keys belong to rules["
          + (i - 1) + "], remove the '-' in front of them: as written rules[" + (i - 1)
          + "] matches more requests than intended");
    }
    if (!dead.isEmpty()) {
      c.dead.add(i);
      c.warn(NEVER_MATCHES, p, p + " can never match: " + String.join("; ", dead)
          + "; fix or remove the rule");
    }
  }

  private static void starLiterals(PolicyLinter.Ctx c, String p, String field,
      List<String> values, List<String> dead) {
    for (int j = 0; j < values.size(); j++) {
      if (values.get(j).equals("*")) {
        c.warn(STAR_LITERAL, p + "." + field + "[" + j + "]", "'*' in " + field
            + " is a literal, not a wildcard: it matches only a " + singular(field)
            + " named '*'; leave " + field + " out to match any");
      }
    }
    if (!values.isEmpty() && values.stream().allMatch("*"::equals)) {
      dead.add(field + " lists only the literal '*'");
    }
  }

  private static String singular(String field) {
    return switch (field) {
      case "users" -> "user";
      case "userGroups" -> "group";
      case "namespaces" -> "namespace";
      default -> "verb";
    };
  }

  private static void verbs(PolicyLinter.Ctx c, String p, PolicyRule r, List<String> dead) {
    boolean anyReal = false;
    for (int j = 0; j < r.verbs().size(); j++) {
      String v = r.verbs().get(j);
      String vp = p + ".verbs[" + j + "]";
      if (v.equals("*")) {
        c.warn(STAR_LITERAL, vp, "'*' in verbs is a literal, not a wildcard: no request has"
            + " that verb; leave verbs out to match any");
      } else if (PolicyLinter.AUTHZ_ONLY_VERBS.contains(v)) {
        c.warn(UNSEEN_VERB, vp, "verb '" + v + "' is checked by authorization but is never the"
            + " verb of a request, so it never matches; remove it");
      } else if (!PolicyLinter.RECORDED_VERBS.contains(v)) {
        c.warn(UNSEEN_VERB, vp, "verb '" + v + "' is not a verb the apiserver records (get,"
            + " list, watch, create, update, patch, delete, deletecollection, proxy, or a"
            + " lower-case HTTP method); check the spelling");
      } else {
        anyReal = true;
      }
    }
    if (!r.verbs().isEmpty() && !anyReal) {
      dead.add("no listed verb occurs in a request");
    }
  }

  private static void resources(PolicyLinter.Ctx c, String p, PolicyRule r, List<String> dead) {
    boolean anyLive = r.resources().isEmpty();
    for (int j = 0; j < r.resources().size(); j++) {
      GroupResources gr = r.resources().get(j);
      String gp = p + ".resources[" + j + "]";
      if (gr.group().equals("*")) {
        c.warn(GROUP_WILDCARD_VERSION, gp + ".group", "group '*' needs Kubernetes 1.36 or"
            + " later; older apiservers reject the policy and do not start");
      }
      boolean live = groupResourcesLive(c, gp, gr, r);
      anyLive |= live;
    }
    if (!anyLive) {
      dead.add("no resources entry can match a request");
    }
  }

  private static boolean groupResourcesLive(PolicyLinter.Ctx c, String gp, GroupResources gr,
      PolicyRule r) {
    boolean anyPattern = gr.resources().isEmpty();
    for (int k = 0; k < gr.resources().size(); k++) {
      String res = gr.resources().get(k);
      String rp = gp + ".resources[" + k + "]";
      Optional<String> bad = shapeProblem(res);
      if (bad.isPresent()) {
        c.warn(RESOURCE_SHAPE, rp, "resource '" + res + "' " + bad.get()
            + "; it matches no request (use '*', 'name', 'name/sub', 'name/*' or '*/sub')");
        continue;
      }
      anyPattern = true;
      String base = res.contains("/") ? res.substring(0, res.indexOf('/')) : res;
      String want = PolicyLinter.KNOWN_GROUPS.get(base);
      if (want != null && !gr.group().equals("*") && !want.equals(gr.group())) {
        c.warn(WRONG_GROUP, rp, "'" + base + "' is in API group \"" + want + "\", not \""
            + gr.group() + "\"; this entry never matches it: set group: \"" + want + "\"");
      }
    }
    boolean live = anyPattern;
    if (!gr.resourceNames().isEmpty() && !r.verbs().isEmpty()) {
      List<String> nameless = r.verbs().stream().filter(PolicyLinter.NAMELESS_VERB_SET::contains)
          .toList();
      if (!nameless.isEmpty()) {
        c.warnKey(NAMELESS_VERBS, gp + ".resourceNames", "resourceNames do not match "
            + String.join(", ", nameless) + " requests: create and deletecollection URLs carry"
            + " no name, list and watch only with a metadata.name field selector; put those"
            + " verbs in a rule without resourceNames");
      }
      if (r.verbs().stream().allMatch(v -> v.equals("create") || v.equals("deletecollection"))) {
        live = false;
      }
    }
    return live;
  }

  /** Why a resource pattern can match nothing, or empty when it can match. */
  static Optional<String> shapeProblem(String res) {
    if (res.isEmpty()) {
      return Optional.of("is empty");
    }
    if (res.equals("*")) {
      return Optional.empty();
    }
    int slashes = res.length() - res.replace("/", "").length();
    if (slashes > 1) {
      return Optional.of("has more than one '/'");
    }
    String[] parts = res.split("/", -1);
    for (String part : parts) {
      if (part.isEmpty()) {
        return Optional.of("has an empty part");
      }
    }
    if (parts.length == 1 && res.contains("*")) {
      return Optional.of("uses '*' inside a name, which is a literal");
    }
    if (parts.length == 2 && parts[0].equals("*") && parts[1].equals("*")) {
      return Optional.of("('*/*') is a literal, not 'everything' (use '*')");
    }
    if (parts.length == 2 && ((parts[0].contains("*") && !parts[0].equals("*"))
        || (parts[1].contains("*") && !parts[1].equals("*")))) {
      return Optional.of("uses '*' inside a name, which is a literal");
    }
    if (!res.equals(res.toLowerCase(java.util.Locale.ROOT))) {
      return Optional.of("has upper-case letters, but resources are lower-case plurals");
    }
    return Optional.empty();
  }

  private static void levelHints(PolicyLinter.Ctx c, String p, PolicyRule r) {
    Optional<Level> level = r.parsedLevel();
    if (level.isEmpty()) {
      return;
    }
    if (r.omitManagedFields() != null && (!level.get().atLeast(Level.REQUEST)
        || r.nonResourceBranch())) {
      c.warnKey(MANAGED_FIELDS_NO_EFFECT, p + ".omitManagedFields", "omitManagedFields has no"
          + " effect here: " + (r.nonResourceBranch() ? "non-resource requests have no bodies"
          : "level " + level.get() + " logs no request or response body") + "; remove it");
    }
    if (level.get().atLeast(Level.REQUEST) && r.nonResourceBranch()) {
      c.warn(NON_RESOURCE_BODY_LEVEL, p + ".level", "level " + level.get() + " on a"
          + " non-resource rule logs the same as Metadata (non-resource requests have no"
          + " bodies); write level: Metadata");
    }
  }

  /** POL004: a rule that an earlier rule always catches first. */
  static void shadowing(PolicyLinter.Ctx c) {
    List<PolicyRule> rules = c.policy.rules();
    for (int i = 1; i < rules.size(); i++) {
      PolicyRule b = rules.get(i);
      if (b.level().isEmpty() || c.dead.contains(i)
          || (b.resourceBranch() && !b.nonResourceURLs().isEmpty())) {
        continue;
      }
      for (int j = 0; j < i; j++) {
        PolicyRule a = rules.get(j);
        if (!a.level().isEmpty() && !c.dead.contains(j) && Coverage.covers(a, b)) {
          String p = "rules[" + i + "]";
          c.warn(SHADOWED, p, p + " is never used: rules[" + j + "] (line "
              + c.policy.locations().of("rules[" + j + "]").line() + ") matches every request"
              + " it matches and comes first; move it above rules[" + j + "] or remove it");
          break;
        }
      }
    }
  }

  /** POL009: secrets, configmaps and tokens logged with their bodies. */
  static void secrets(PolicyLinter.Ctx c) {
    List<PolicyRule> rules = c.policy.rules();
    for (int i = 0; i < rules.size(); i++) {
      PolicyRule r = rules.get(i);
      Optional<Level> level = r.parsedLevel();
      if (level.isEmpty() || !level.get().atLeast(Level.REQUEST) || r.nonResourceBranch()
          || c.dead.contains(i)) {
        continue;
      }
      List<String> hit = new ArrayList<>();
      for (PolicyLinter.Sensitive s : PolicyLinter.SENSITIVE) {
        if (selects(r, s) && !caughtBefore(rules, i, s)) {
          hit.add(s.label());
        }
      }
      if (!hit.isEmpty()) {
        String p = "rules[" + i + "]";
        c.warn(SECRETS_LOGGED, p + ".level", p + " logs " + String.join(", ", hit)
            + " at level " + level.get() + ": secret values and tokens end up in the audit log;"
            + " add a rule with level: Metadata for them before this one");
      }
    }
  }

  private static boolean selects(PolicyRule r, PolicyLinter.Sensitive s) {
    if (!r.resourceBranch() || r.resources().isEmpty()) {
      return true;
    }
    String[] parts = s.resource().split("/");
    String sub = parts.length > 1 ? parts[1] : "";
    for (GroupResources gr : r.resources()) {
      if (!gr.group().equals(s.group()) && !gr.group().equals("*")) {
        continue;
      }
      if (gr.resources().isEmpty() || gr.resources().stream().anyMatch(
          res -> PolicyChecker.resourceMatches(res, s.resource(), parts[0], sub))) {
        return true;
      }
    }
    return false;
  }

  private static boolean caughtBefore(List<PolicyRule> rules, int i, PolicyLinter.Sensitive s) {
    for (int j = 0; j < i; j++) {
      PolicyRule a = rules.get(j);
      boolean unconditional = a.users().isEmpty() && a.userGroups().isEmpty()
          && a.verbs().isEmpty() && a.namespaces().isEmpty() && a.nonResourceURLs().isEmpty()
          && a.resources().stream().allMatch(gr -> gr.resourceNames().isEmpty());
      if (!a.level().isEmpty() && unconditional && selects(a, s)) {
        return true;
      }
    }
    return false;
  }

  /** POL008 and POL010: stages that hide failed authentication; no catch-all rule. */
  static void stagesAndCatchAll(PolicyLinter.Ctx c) {
    Policy p = c.policy;
    String why = ": the apiserver emits failed-authentication (401) events only at"
        + " ResponseStarted, so they are never logged; keep ResponseStarted (long-running"
        + " requests such as watch and exec also lose their start event)";
    int k = p.omitStages().indexOf("ResponseStarted");
    if (k >= 0) {
      c.warn(FAILED_AUTH_DROPPED, "omitStages[" + k + "]", "the policy omits ResponseStarted"
          + why);
    }
    for (int i = 0; i < p.rules().size() && k < 0; i++) {
      PolicyRule r = p.rules().get(i);
      int s = r.omitStages().indexOf("ResponseStarted");
      boolean noUserOk = r.users().isEmpty() && r.userGroups().isEmpty();
      if (s >= 0 && noUserOk && !r.level().equals("None")) {
        c.warn(FAILED_AUTH_DROPPED, "rules[" + i + "].omitStages[" + s + "]", "rules[" + i
            + "] omits ResponseStarted and can match requests without a user" + why);
      }
    }
    if (!p.rules().isEmpty() && p.rules().stream().noneMatch(PolicyRule::catchAll)) {
      int last = p.rules().size() - 1;
      c.warn(NO_CATCH_ALL, "rules[" + last + "]", "no catch-all rule: requests that match no"
          + " rule are not audited at all (level None); end the rules with '- level: Metadata'");
    }
  }
}
