package dev.peregrine.cli;

import dev.peregrine.diag.Issue;
import java.util.List;
import java.util.stream.Collectors;

/** The config cannot be used: the issues say where and why. */
final class ConfigException extends Exception {
  private final transient List<Issue> issues;

  ConfigException(List<Issue> issues) {
    super(issues.stream().map(Issue::render).collect(Collectors.joining("\n")));
    this.issues = List.copyOf(issues);
  }

  List<Issue> issues() {
    return issues;
  }
}
