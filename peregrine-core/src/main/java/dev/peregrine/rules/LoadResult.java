package dev.peregrine.rules;

import dev.peregrine.diag.Issue;
import dev.peregrine.diag.SourceSet;
import java.util.List;

/**
 * What loading one or more rules files produced: the resolved rules in evaluation order, every
 * issue found (errors and warnings, in order) and the sources positions refer to.
 */
public record LoadResult(List<RuleDef> rules, List<Issue> issues, SourceSet sources) {
  public LoadResult {
    rules = List.copyOf(rules);
    issues = List.copyOf(issues);
  }

  public boolean hasErrors() {
    return issues.stream().anyMatch(Issue::isError);
  }
}
