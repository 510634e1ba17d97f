package dev.peregrine.rules;

import dev.peregrine.diag.Issue;
import dev.peregrine.diag.SourceSet;
import java.util.List;

/**
 * What loading one or more rules files produced: the resolved rules in evaluation order, every
 * issue found (errors and warnings, in order), the sources positions refer to, and the plugin
 * requirements the files declared.
 *
 * @param rules rules in first-definition order
 * @param issues errors and warnings in the order found
 * @param sources the files, laid out in one global offset space
 * @param requiredPlugins {@code required_plugin_versions} entries, in file order
 */
public record LoadResult(
    List<RuleDef> rules,
    List<Issue> issues,
    SourceSet sources,
    List<PluginRequirement> requiredPlugins) {
  public LoadResult {
    rules = List.copyOf(rules);
    issues = List.copyOf(issues);
    requiredPlugins = List.copyOf(requiredPlugins);
  }

  /** A result without plugin requirements. */
  public LoadResult(List<RuleDef> rules, List<Issue> issues, SourceSet sources) {
    this(rules, issues, sources, List.of());
  }

  /** True when any issue is an error: the rules must then not be used. */
  public boolean hasErrors() {
    return issues.stream().anyMatch(Issue::isError);
  }
}
