package dev.peregrine.rules;

import dev.peregrine.diag.Issues;
import dev.peregrine.diag.Severity;
import dev.peregrine.diag.SourceSet;

/** Collects issues located by global offset in the load's source set. */
final class Diags {
  private final SourceSet sources;
  private final Issues issues = new Issues();

  Diags(SourceSet sources) {
    this.sources = sources;
  }

  SourceSet sources() {
    return sources;
  }

  Issues issues() {
    return issues;
  }

  void error(String code, String message, int pos) {
    issues.add(sources.issue(Severity.ERROR, code, pos, message));
  }

  void error(LoadException e) {
    error(e.code(), e.getMessage(), e.pos());
  }

  void warn(String code, String message, int pos) {
    issues.add(sources.issue(Severity.WARNING, code, pos, message));
  }

  boolean hasErrors() {
    return issues.hasErrors();
  }
}
