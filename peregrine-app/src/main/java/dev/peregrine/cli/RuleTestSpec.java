package dev.peregrine.cli;

import java.util.List;
import java.util.Map;

/**
 * The model of a rule test file ({@code peregrine rules test}); the format is documented in
 * docs/rules-testing.md. Everything here is immutable.
 */
final class RuleTestSpec {
  private RuleTestSpec() {}

  /** Where a test file comes from and how it resolves paths relative to itself. */
  interface Origin {
    /** Name shown in reports: a path, or {@code builtin:rules/tests/x.yaml}. */
    String name();

    /** The bytes of a file named relative to this one. */
    byte[] read(String relative) throws java.io.IOException;

    /** The display name of a file named relative to this one. */
    String nameOf(String relative);
  }

  /** One rules file to load for a test. */
  sealed interface RulesRef {
    /** The ruleset under test: the built-in one, or the files given with {@code -r}. */
    record Default() implements RulesRef {}

    /** A rules file named relative to the test file. */
    record File(String path) implements RulesRef {}

    /** Rules written in the test file itself. */
    record Inline(String name, String yaml) implements RulesRef {}
  }

  /**
   * Engine settings of a test.
   *
   * @param matchAll {@code rule_matching: all} (the default for tests) or {@code first}
   * @param minPriority {@code priority}: rules below it are not run; null means every priority
   */
  record Options(boolean matchAll, String minPriority) {
    static Options defaults() {
      return new Options(true, null);
    }
  }

  /**
   * One expected rule.
   *
   * @param rule rule name
   * @param count exact number of alerts, or null for "at least one"
   * @param priority expected priority label (e.g. {@code Warning}), or null
   * @param outputFields output field values one of the rule's alerts must have (strings, lists
   *     of strings or null)
   * @param outputContains text one of the rule's alerts must contain in its message, or null
   */
  record AlertExpectation(String rule, Integer count, String priority,
      Map<String, Object> outputFields, String outputContains) {
    boolean negative() {
      return count != null && count == 0;
    }
  }

  /**
   * What a test expects.
   *
   * @param alerts rules that must (or, with count 0, must not) alert
   * @param absent rules that must not alert
   * @param silent no alert at all
   * @param exclusive no rule outside {@code alerts} may alert
   */
  record Expect(List<AlertExpectation> alerts, List<String> absent, boolean silent,
      boolean exclusive) {}

  /** An event to feed: inline JSON bytes, or a file named relative to the test file. */
  sealed interface EventSource {
    /** An inline event, already serialised to JSON. */
    record Inline(int index, byte[] json) implements EventSource {}

    /** A file of events (any format replay accepts). */
    record File(String path) implements EventSource {}
  }

  /** One test: events in, expectations on the alerts out. */
  record Case(String name, List<RulesRef> rules, Options options, List<EventSource> events,
      Expect expect) {}

  /** A parsed test file. */
  record TestFile(Origin origin, List<Case> cases) {}
}
