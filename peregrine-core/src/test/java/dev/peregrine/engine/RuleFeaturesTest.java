package dev.peregrine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rules-file features seen from the outside: exceptions, append/override, selection, matching. */
class RuleFeaturesTest {
  static final String EVENT = """
      {"kind":"Event","auditID":"x","stage":"ResponseComplete","verb":"create",
       "user":{"username":"alice"},"objectRef":{"resource":"pods","namespace":"team-a","name":"p"},
       "stageTimestamp":"2023-11-14T22:13:20.123456Z"}
      """;

  static String rule(String name, String extra) {
    return """
        - rule: %s
          desc: d
          condition: ka.verb = create
          output: "%s fired"
          priority: WARNING
          source: k8s_audit
          tags: [k8s, %s]
        %s
        """.formatted(name, name, name.toLowerCase(java.util.Locale.ROOT), extra.indent(2));
  }

  @Test
  void exception_singleField_defaultsToIn() {
    String r = rule("A", """
        exceptions:
          - name: ns
            fields: ka.target.namespace
            values: [team-b, team-a]
        """);
    assertThat(EngineDriver.of(r).process(EVENT)).isEmpty();
  }

  @Test
  void exception_tupleWithComps_matchesAllFields() {
    String r = rule("A", """
        exceptions:
          - name: user_ns
            fields: [ka.user.name, ka.target.namespace]
            comps: [=, startswith]
            values:
              - [bob, team]
              - [alice, team-]
        """);
    assertThat(EngineDriver.of(r).process(EVENT)).isEmpty();
  }

  @Test
  void exception_tupleNotMatching_keepsAlert() {
    String r = rule("A", """
        exceptions:
          - name: user_ns
            fields: [ka.user.name, ka.target.namespace]
            values:
              - [alice, team-b]
        """);
    assertThat(EngineDriver.of(r).process(EVENT)).hasSize(1);
  }

  @Test
  void exception_appendedInLaterFile_addsValues() {
    String base = rule("A", """
        exceptions:
          - name: users
            fields: [ka.user.name]
            values: [[bob]]
        """);
    String more = """
        - rule: A
          exceptions:
            - name: users
              values: [[alice]]
          override:
            exceptions: append
        """;
    assertThat(EngineDriver.of(base).process(EVENT)).hasSize(1);
    assertThat(EngineDriver.of(base, more).process(EVENT)).isEmpty();
  }

  @Test
  void conditionAppend_andOverrideReplace() {
    String base = rule("A", "");
    String narrow = """
        - rule: A
          condition: and ka.user.name = bob
          override:
            condition: append
        """;
    String replace = """
        - rule: A
          priority: ERROR
          override:
            priority: replace
        """;
    assertThat(EngineDriver.of(base, narrow).process(EVENT)).isEmpty();
    List<Alert> alerts = EngineDriver.of(base, replace).process(EVENT);
    assertThat(alerts).singleElement().satisfies(a ->
        assertThat(a.priority()).isEqualTo(dev.peregrine.rules.Priority.ERROR));
  }

  @Test
  void ruleMatching_firstByDefault_allOnRequest() {
    String rules = rule("A", "") + rule("B", "");
    assertThat(EngineDriver.of(rules).process(EVENT)).extracting(Alert::rule).containsExactly("A");
    assertThat(EngineDriver.of(EngineOptions.defaults().withMatchAll(true), rules).process(EVENT))
        .extracting(Alert::rule).containsExactly("A", "B");
  }

  @Test
  void selection_byNameTagAndPriority() {
    String rules = rule("A", "") + rule("B", "");
    EngineOptions o = EngineOptions.defaults().withMatchAll(true);
    assertThat(EngineDriver.of(o.withSelection(List.of("A"), Set.of(), Set.of()), rules)
        .process(EVENT)).extracting(Alert::rule).containsExactly("B");
    assertThat(EngineDriver.of(o.withSelection(List.of(), Set.of("b"), Set.of()), rules)
        .process(EVENT)).extracting(Alert::rule).containsExactly("A");
    assertThat(EngineDriver.of(o.withSelection(List.of(), Set.of(), Set.of("b")), rules)
        .process(EVENT)).extracting(Alert::rule).containsExactly("B");
    assertThat(EngineDriver.of(o.withMinPriority(dev.peregrine.rules.Priority.ERROR), rules)
        .process(EVENT)).isEmpty();
  }

  @Test
  void disabledRule_isCompiledButDoesNotRun() {
    String rules = rule("A", "enabled: false");
    assertThat(EngineDriver.of(rules).process(EVENT)).isEmpty();
    String broken = rule("A", "enabled: false").replace("ka.verb = create", "ka.nope = 1");
    assertThat(EngineDriver.build(EngineOptions.defaults(), broken).hasErrors()).isTrue();
  }

  @Test
  void syscallRule_isSkippedWithWarning() {
    String rules = """
        - rule: shell
          desc: d
          condition: proc.name = bash
          output: x
          priority: WARNING
        """ + rule("A", "");
    EngineDriver d = EngineDriver.of(rules);
    assertThat(d.issues()).anySatisfy(i -> assertThat(i.code()).isEqualTo("LOAD_UNKNOWN_SOURCE"));
    assertThat(d.process(EVENT)).extracting(Alert::rule).containsExactly("A");
  }

  @Test
  void skipIfUnknownFilter_turnsErrorIntoWarning() {
    String rules = rule("A", "skip-if-unknown-filter: true").replace("ka.verb = create",
        "ka.future.field = 1");
    EngineDriver d = EngineDriver.of(rules);
    assertThat(d.issues()).anySatisfy(i -> assertThat(i.code()).isEqualTo("LOAD_UNKNOWN_FILTER"));
    assertThat(d.engine().activeRules()).isEmpty();
  }
}
