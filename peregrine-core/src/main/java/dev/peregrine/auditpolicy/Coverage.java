package dev.peregrine.auditpolicy;

import java.util.List;

/**
 * Whether one rule matches every request another rule matches (so the later one is never
 * reached). The answer errs on the side of "no": true only when it holds for every request.
 */
final class Coverage {
  private Coverage() {}

  /** True when {@code a} matches every request {@code b} matches. */
  static boolean covers(PolicyRule a, PolicyRule b) {
    if (!listCovers(a.users(), b.users()) || !listCovers(a.userGroups(), b.userGroups())
        || !listCovers(a.verbs(), b.verbs())) {
      return false;
    }
    if (a.resourceBranch()) {
      return b.resourceBranch() && listCovers(a.namespaces(), b.namespaces())
          && resourcesCover(a.resources(), b.resources());
    }
    if (!a.nonResourceURLs().isEmpty()) {
      return b.nonResourceBranch() && b.nonResourceURLs().stream()
          .allMatch(u -> a.nonResourceURLs().stream().anyMatch(s -> urlCovers(s, u)));
    }
    return true;
  }

  /** An empty list means "any"; otherwise every value of {@code b} must be in {@code a}. */
  private static boolean listCovers(List<String> a, List<String> b) {
    return a.isEmpty() || (!b.isEmpty() && a.containsAll(b));
  }

  private static boolean resourcesCover(List<GroupResources> a, List<GroupResources> b) {
    if (a.isEmpty()) {
      return true;
    }
    return !b.isEmpty() && b.stream().allMatch(gb -> a.stream().anyMatch(ga -> grCovers(ga, gb)));
  }

  private static boolean grCovers(GroupResources a, GroupResources b) {
    if (!a.group().equals("*") && !a.group().equals(b.group())) {
      return false;
    }
    if (a.resources().isEmpty()) {
      return true;
    }
    if (!listCovers(a.resourceNames(), b.resourceNames())) {
      return false;
    }
    if (b.resources().isEmpty()) {
      return a.resources().contains("*");
    }
    return b.resources().stream()
        .allMatch(rb -> a.resources().stream().anyMatch(ra -> patternCovers(ra, rb)));
  }

  /** True when resource pattern {@code a} matches everything pattern {@code b} matches. */
  static boolean patternCovers(String a, String b) {
    if (a.equals("*") || a.equals(b)) {
      return true;
    }
    if (a.endsWith("/*") && a.indexOf('*') == a.length() - 1) {
      String base = a.substring(0, a.length() - 2);
      return b.equals(base) || (b.startsWith(base + "/") && !b.equals(base + "/"));
    }
    if (a.startsWith("*/") && a.indexOf('*', 1) < 0) {
      String sub = a.substring(2);
      int slash = b.indexOf('/');
      return slash > 0 && !b.startsWith("*/") && b.substring(slash + 1).equals(sub);
    }
    return false;
  }

  /** True when non-resource URL spec {@code a} matches every path spec {@code b} matches. */
  static boolean urlCovers(String a, String b) {
    if (a.equals("*") || a.equals(b)) {
      return true;
    }
    if (b.equals("*")) {
      return false;
    }
    if (a.endsWith("*")) {
      String prefix = a.replaceAll("\\*+$", "");
      return b.replaceAll("\\*+$", "").startsWith(prefix);
    }
    return false;
  }
}
