package dev.peregrine.auditpolicy;

import java.util.List;
import java.util.Optional;

/**
 * One rule of a {@link Policy}, with the values as written (levels and stages stay strings so
 * that invalid ones can be reported). Empty lists mean "any"; the first matching rule wins.
 *
 * @param level the level name; {@code ""} when the key is absent or null
 * @param users authenticated user names
 * @param userGroups groups of the authenticated user (any one suffices)
 * @param verbs Kubernetes verbs, or lower-case HTTP methods for non-resource requests
 * @param resources group/resource selectors
 * @param namespaces namespaces; {@code ""} selects cluster-scoped requests
 * @param nonResourceURLs URL paths, {@code *} as a whole or as the final character
 * @param omitStages stage names to omit, in addition to the policy's
 * @param omitManagedFields null when unset (the policy default applies)
 */
public record PolicyRule(
    String level,
    List<String> users,
    List<String> userGroups,
    List<String> verbs,
    List<GroupResources> resources,
    List<String> namespaces,
    List<String> nonResourceURLs,
    List<String> omitStages,
    Boolean omitManagedFields) {
  public PolicyRule {
    level = level == null ? "" : level;
    users = List.copyOf(users);
    userGroups = List.copyOf(userGroups);
    verbs = List.copyOf(verbs);
    resources = List.copyOf(resources);
    namespaces = List.copyOf(namespaces);
    nonResourceURLs = List.copyOf(nonResourceURLs);
    omitStages = List.copyOf(omitStages);
  }

  /** A rule with only a level (a catch-all). */
  public static PolicyRule ofLevel(Level level) {
    return new PolicyRule(level.wire(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(), null);
  }

  /** The parsed level, empty when it is missing or not one of the four names. */
  public Optional<Level> parsedLevel() {
    return Level.parse(level);
  }

  /** True when the rule takes the resource branch ({@code namespaces} or {@code resources} set). */
  public boolean resourceBranch() {
    return !namespaces.isEmpty() || !resources.isEmpty();
  }

  /** True when the rule takes the non-resource branch (only {@code nonResourceURLs} set). */
  public boolean nonResourceBranch() {
    return !resourceBranch() && !nonResourceURLs.isEmpty();
  }

  /** True when the rule restricts nothing, so it matches every request. */
  public boolean catchAll() {
    return users.isEmpty() && userGroups.isEmpty() && verbs.isEmpty() && !resourceBranch()
        && nonResourceURLs.isEmpty();
  }
}
