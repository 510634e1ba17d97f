package dev.peregrine.cli;

import dev.peregrine.diag.Issue;
import java.io.PrintWriter;
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

  /** Prints every issue and what the command did not do; returns exit status 1. */
  int report(PrintWriter err, String consequence) {
    for (Issue i : issues) {
      err.println(i.render());
    }
    err.println("peregrine: the configuration has errors; " + consequence);
    return 1;
  }
}
