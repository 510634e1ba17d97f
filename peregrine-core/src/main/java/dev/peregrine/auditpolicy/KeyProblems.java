package dev.peregrine.auditpolicy;

import dev.peregrine.diag.Issue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@link KeyProblem}s into warnings: {@code POL001} unknown key, {@code POL002} a key that
 * belongs to another level of the document (mis-indented), {@code POL003} duplicate key.
 */
final class KeyProblems {
  static final String UNKNOWN = "POL001";
  static final String MISPLACED = "POL002";
  static final String DUPLICATE = "POL003";

  private static final Map<String, String> WIDENS = Map.of(
      "verbs", "applies to every verb",
      "users", "applies to every user",
      "userGroups", "applies to every group",
      "namespaces", "applies in every namespace",
      "nonResourceURLs", "loses its URL restriction",
      "omitStages", "omits no stage of its own",
      "omitManagedFields", "uses the policy's omitManagedFields",
      "level", "has no level");

  private KeyProblems() {}

  static List<Issue> issues(Policy p) {
    List<Issue> out = new ArrayList<>();
    for (KeyProblem k : p.keyProblems()) {
      out.add(Issue.warning(code(k), p.locations().file(), k.position(), message(k)));
    }
    return out;
  }

  static String code(KeyProblem k) {
    if (k.kind() == KeyProblem.Kind.DUPLICATE) {
      return DUPLICATE;
    }
    return misplacedHint(k) != null ? MISPLACED : UNKNOWN;
  }

  static String message(KeyProblem k) {
    String where = k.path().isEmpty() ? "the policy" : k.path();
    if (k.kind() == KeyProblem.Kind.DUPLICATE) {
      return "duplicate key '" + k.key() + "' in " + where + ": the apiserver warns and keeps"
          + " the last value; keep one of them";
    }
    String hint = misplacedHint(k);
    if (hint != null) {
      return "'" + k.key() + "' is not a key of " + where + "; the apiserver drops it. " + hint;
    }
    String suggestion = suggest(k.key(), known(k.path()));
    return "unknown key '" + k.key() + "' in " + where + ": the apiserver warns and drops it"
        + (suggestion == null ? "; remove it" : "; did you mean '" + suggestion + "'?");
  }

  private static String misplacedHint(KeyProblem k) {
    String key = k.key();
    if (isGroupResources(k.path()) && PolicyReader.RULE_KEYS.contains(key)) {
      String rule = k.path().substring(0, k.path().lastIndexOf(".resources["));
      return "It belongs to the rule, so " + rule + " " + WIDENS.get(key) + "; indent '"
          + key + "' to line up with 'level'";
    }
    if (isRule(k.path()) && PolicyReader.GROUP_RESOURCES_KEYS.contains(key)) {
      return "It belongs inside a 'resources' item (- group: ...)";
    }
    if (isRule(k.path()) && PolicyReader.POLICY_KEYS.contains(key)) {
      return "It belongs at the top level of the policy";
    }
    if (k.path().isEmpty() && PolicyReader.RULE_KEYS.contains(key)) {
      return "It belongs to a rule under 'rules:'";
    }
    return null;
  }

  static boolean isGroupResources(String path) {
    return path.matches("rules\\[\\d+]\\.resources\\[\\d+]");
  }

  static boolean isRule(String path) {
    return path.matches("rules\\[\\d+]");
  }

  private static Set<String> known(String path) {
    if (path.isEmpty()) {
      return PolicyReader.POLICY_KEYS;
    }
    return isRule(path) ? PolicyReader.RULE_KEYS : PolicyReader.GROUP_RESOURCES_KEYS;
  }

  /** A known key close to {@code key} (same letters ignoring case, or a small edit), or null. */
  static String suggest(String key, Set<String> known) {
    String best = null;
    int bestDist = 3;
    for (String k : known.stream().sorted().toList()) {
      int d = k.equalsIgnoreCase(key) ? 0 : distance(k.toLowerCase(), key.toLowerCase());
      if (d < bestDist) {
        bestDist = d;
        best = k;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
