package dev.peregrine.engine;

import dev.peregrine.diag.Issue;
import dev.peregrine.diag.Severity;
import dev.peregrine.diag.SourceSet;
import java.util.ArrayList;
import java.util.List;

/** Issues found while compiling one rule's condition or output, at global positions. */
final class CompileLog {
  static final String COMPILE_CONDITION = "LOAD_ERR_COMPILE_CONDITION";
  static final String COMPILE_CONDITION_WARNING = "LOAD_COMPILE_CONDITION";

  private final SourceSet sources;
  private final String errorCode;
  private final List<Issue> issues = new ArrayList<>();
  private int errors;
  private boolean unknownField;

  CompileLog(SourceSet sources, String errorCode) {
    this.sources = sources;
    this.errorCode = errorCode;
  }

  void error(int pos, String message, boolean isUnknownField) {
    errors++;
    unknownField |= isUnknownField;
    issues.add(sources.issue(Severity.ERROR, errorCode, pos, message));
  }

  void warning(int pos, String message) {
    warning(pos, COMPILE_CONDITION_WARNING, message);
  }

  void warning(int pos, String code, String message) {
    issues.add(sources.issue(Severity.WARNING, code, pos, message));
  }

  int errorCount() {
    return errors;
  }

  /** True when every error so far was an unknown field (what skip-if-unknown-filter forgives). */
  boolean onlyUnknownFields() {
    return unknownField && issues.stream().filter(Issue::isError)
        .allMatch(i -> i.message().startsWith("filter_check called with nonexistent field")
            || i.message().startsWith("unknown filter"));
  }

  List<Issue> issues() {
    return issues;
  }
}
