package dev.peregrine.cli;

import dev.peregrine.TestRepo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.engine.Alert;
import dev.peregrine.engine.Engine;
import dev.peregrine.engine.EngineOptions;
import dev.peregrine.event.EventDecoder;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.rules.RuleDef;
import dev.peregrine.rules.RulesInput;
import dev.peregrine.rules.RulesLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default ruleset detects what Falco's k8s_audit ruleset (v0.18.0) detects: on every event
 * of Falco's k8s-audit trace files, with {@code rule_matching: all}, it raises alerts for the same
 * upstream rule names. Alerts from our additional rules are allowed only when docs/compatibility.md
 * lists the rule as a deliberate addition.
 */
class DefaultRulesetParityTest {
  static Engine upstream;
  static Engine ours;
  static Set<String> upstreamNames;
  static Set<String> documentedExtras;

  @BeforeAll
  static void engines() throws IOException {
    FieldRegistry registry = FieldRegistry.standard(ZoneOffset.UTC, "test");
    Path file = TestRepo.upstream("falco").resolve("k8s_audit_rules.yaml");
    upstream = engine(new RulesInput(file.toString(), Files.readString(file)), registry);
    ours = engine(RuleSets.builtin(), registry);
    upstreamNames = new TreeSet<>(upstream.loadedRules().stream().map(RuleDef::name).toList());
    documentedExtras = documentedExtras();
  }

  private static Engine engine(RulesInput in, FieldRegistry registry) {
    Engine.Build b = Engine.build(new RulesLoader().load(List.of(in)), registry,
        EngineOptions.defaults().withMatchAll(true));
    assertThat(b.hasErrors()).as("%s loads: %s", in.name(), b.issues()).isFalse();
    return b.engine().orElseThrow();
  }

  /** Rule names in the table of the "Ruleset differences" section of docs/compatibility.md. */
  private static Set<String> documentedExtras() throws IOException {
    String doc = Files.readString(TestRepo.repoRoot().resolve("docs/compatibility.md"));
    int start = doc.indexOf("## Ruleset differences");
    assertThat(start).as("docs/compatibility.md has a 'Ruleset differences' section").isNotNegative();
    String section = doc.substring(start);
    int next = section.indexOf("\n## ", 5);
    section = next < 0 ? section : section.substring(0, next);
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\| extra alert: `([^`]+)`").matcher(section);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void defaultRuleset_hasEveryUpstreamRuleName() {
    Set<String> mine = new TreeSet<>(ours.loadedRules().stream().map(RuleDef::name).toList());
    assertThat(upstreamNames).hasSize(48);
    assertThat(mine).containsAll(upstreamNames);
    assertThat(mine.size() - upstreamNames.size()).isGreaterThanOrEqualTo(20);
  }

  @Test
  void defaultRuleset_additionalRulesCarryAttackTags() {
    for (RuleDef r : ours.loadedRules()) {
      if (!upstreamNames.contains(r.name())) {
        assertThat(r.tags()).as(r.name()).anyMatch(t -> t.matches("T\\d{4}(\\.\\d{3})?"))
            .anyMatch(t -> t.startsWith("mitre_"));
        assertThat(r.source()).isEqualTo("k8s_audit");
      }
    }
  }

  static Stream<Path> traces() throws IOException {
    Path dir = TestRepo.upstream("falco-k8s-audit-tests").resolve("test/trace_files/k8s_audit");
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("traces")
  void trace_sameUpstreamRuleNamesPerEvent(Path trace) throws IOException {
    byte[] bytes = Files.readAllBytes(trace);
    List<String> problems = new ArrayList<>();
    new EventDecoder().decode(bytes, trace.getFileName().toString(), ev -> {
      Set<String> want = names(upstream.process(ev));
      Set<String> got = names(ours.process(ev));
      Set<String> missing = new TreeSet<>(want);
      missing.removeAll(got);
      Set<String> extra = new TreeSet<>(got);
      extra.removeAll(want);
      extra.removeIf(n -> !upstreamNames.contains(n) && documentedExtras.contains(n));
      if (!missing.isEmpty() || !extra.isEmpty()) {
        problems.add("line " + ev.line() + ": missing " + missing + ", unexpected " + extra);
      }
    }, err -> { });
    assertThat(problems).as(new String(bytes, 0, Math.min(bytes.length, 200),
        StandardCharsets.UTF_8)).isEmpty();
  }

  private static Set<String> names(List<Alert> alerts) {
    Set<String> s = new TreeSet<>();
    alerts.forEach(a -> s.add(a.rule()));
    return s;
  }
}
