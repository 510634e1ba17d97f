package dev.peregrine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.engine.Alert;
import dev.peregrine.engine.Engine;
import dev.peregrine.engine.EngineOptions;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.EventDecoder;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.rules.LoadResult;
import dev.peregrine.rules.RulesInput;
import dev.peregrine.rules.RulesLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every optimisation flag, on or off, gives exactly the same alerts (rule_matching all, so every
 * matching rule counts, and first) over the whole generated corpus and over Falco's k8s-audit
 * conformance traces with the upstream ruleset. Selective decoding is checked together with the
 * decoder's fast path for lines, against whole events read by the streaming parser alone.
 */
class OptimisationEquivalenceTest {
  static final FieldRegistry REGISTRY = FieldRegistry.standard(ZoneOffset.UTC, "test-host");
  static List<AuditEvent> corpus;
  static byte[] corpusBytes;

  @BeforeAll
  static void generate() {
    // the corpus `peregrine bench` measures by default (20,000 events, seed 1)
    Corpus c = Corpus.generate(new Corpus.Spec(20_000, 1, Mix.defaults()));
    corpusBytes = c.jsonl();
    corpus = decode(corpusBytes);
    assertThat(corpus).hasSize(20_000);
  }

  static List<AuditEvent> decode(byte[] bytes) {
    List<AuditEvent> out = new ArrayList<>();
    new EventDecoder().decode(bytes, "corpus", out::add, e -> { });
    return out;
  }

  /**
   * Decodes every input whole and with the selection of the engine built with {@code options},
   * and asserts the same alerts event by event (and the same decode errors); returns the alert
   * count.
   */
  static long assertSameWhenPruned(LoadResult load, EngineOptions options,
      List<Map.Entry<String, byte[]>> inputs) {
    Engine engine = Engine.build(load, REGISTRY, options).engine().orElseThrow();
    // reference: whole events through the streaming parser only (no fast path for lines)
    EventDecoder whole = new EventDecoder().withoutFastPath();
    EventDecoder pruned = new EventDecoder().withSelection(engine.selection());
    long alerts = 0;
    for (Map.Entry<String, byte[]> in : inputs) {
      List<AuditEvent> a = new ArrayList<>();
      List<String> errorsA = new ArrayList<>();
      whole.decode(new ByteArrayInputStream(in.getValue()), in.getKey(), a::add,
          e -> errorsA.add(e.render()));
      // pruned, with the fast path: in place from the array, and read from a stream
      for (boolean inPlace : new boolean[] {true, false}) {
        List<AuditEvent> b = new ArrayList<>();
        List<String> errorsB = new ArrayList<>();
        if (inPlace) {
          pruned.decode(in.getValue(), in.getKey(), b::add, e -> errorsB.add(e.render()));
        } else {
          pruned.decode(new ByteArrayInputStream(in.getValue()), in.getKey(), b::add,
              e -> errorsB.add(e.render()));
        }
        assertThat(errorsB).isEqualTo(errorsA);
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
          List<Alert> expected = engine.process(a.get(i));
          alerts += inPlace ? expected.size() : 0;
          assertThat(engine.process(b.get(i))).as("%s line %d", in.getKey(), a.get(i).line())
              .isEqualTo(expected);
        }
      }
    }
    return alerts;
  }

  /** {@link #assertSameWhenPruned} for rule_matching all and first; returns the "all" alerts. */
  static long assertSameWhenPruned(LoadResult load, List<Map.Entry<String, byte[]>> inputs) {
    EngineOptions base = EngineOptions.defaults();
    assertThat(Engine.build(load, REGISTRY, base).engine().orElseThrow().selection().keepsAll())
        .as("the rules leave something out").isFalse();
    assertSameWhenPruned(load, base, inputs);
    return assertSameWhenPruned(load, base.withMatchAll(true), inputs);
  }

  static List<Map.Entry<String, byte[]>> corpusInput() {
    return List.of(Map.entry("corpus", corpusBytes));
  }

  static RulesInput builtin() throws IOException {
    try (InputStream in = OptimisationEquivalenceTest.class.getResourceAsStream(
        "/rules/peregrine_k8s_audit_rules.yaml")) {
      return new RulesInput("builtin", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static List<EngineOptions> variants(boolean all) {
    EngineOptions base = EngineOptions.defaults().withMatchAll(all);
    return List.of(base.withOptimizations(false),
        base.withOptimizations(false).withRuleIndex(true),
        base.withOptimizations(false).withCompiledMatchers(true),
        base.withOptimizations(false).withSharedReads(true), base.withOptimizations(true));
  }

  /** Asserts identical alerts for every flag combination; returns the alert count. */
  static long assertSame(LoadResult load, List<AuditEvent> events) {
    long alerts = 0;
    for (boolean all : new boolean[] {true, false}) {
      List<Engine> engines = variants(all).stream()
          .map(o -> Engine.build(load, REGISTRY, o).engine().orElseThrow()).toList();
      for (AuditEvent e : events) {
        List<Alert> expected = engines.get(0).process(e);
        alerts += all ? expected.size() : 0;
        for (Engine other : engines.subList(1, engines.size())) {
          assertThat(other.process(e)).as("event %s line %d", e.origin(), e.line())
              .isEqualTo(expected);
        }
      }
    }
    return alerts;
  }

  @Test
  void builtinRuleset_sameAlertsOnTheCorpus() throws IOException {
    LoadResult load = new RulesLoader().load(List.of(builtin()));
    assertThat(assertSame(load, corpus)).isPositive();
  }

  @Test
  void builtinRuleset_selectiveDecode_sameAlertsOnTheCorpus() throws IOException {
    LoadResult load = new RulesLoader().load(List.of(builtin()));
    assertThat(assertSameWhenPruned(load, corpusInput())).isPositive();
  }

  @Test
  void wholeEventOutput_selectiveDecode_rebuildsTheEvent() {
    String yaml = """
        - rule: Creates
          desc: every create, printing the whole event
          condition: ka.verb = create and ka.target.resource in (pods, configmaps)
          output: created %ka.target.name obj=%jevt.obj
          priority: INFO
          source: k8s_audit
        """;
    LoadResult load = new RulesLoader().load(List.of(new RulesInput("whole", yaml)));
    assertThat(Engine.build(load, REGISTRY, EngineOptions.defaults()).engine().orElseThrow()
        .selection().keepsSource()).isTrue();
    assertThat(assertSameWhenPruned(load, corpusInput())).isPositive();
  }

  @Test
  void generatedRules_selectiveDecode_sameAlertsOnTheCorpus() throws IOException {
    LoadResult base = new RulesLoader().load(List.of(builtin()));
    LoadResult many = new RulesLoader().load(List.of(RuleVariants.generate(base, 300)));
    assertThat(assertSameWhenPruned(many, corpusInput())).isPositive();
  }

  @Test
  void upstreamRuleset_selectiveDecode_sameAlertsOnTheCorpus() throws IOException {
    Path rules = UpstreamData.folder("falco").resolve("k8s_audit_rules.yaml");
    LoadResult load = new RulesLoader().load(List.of(read(rules)));
    assertThat(assertSameWhenPruned(load, corpusInput())).isPositive();
  }

  @Test
  void upstreamRuleset_selectiveDecode_sameAlertsOnTheConformanceTraces() throws IOException {
    Path rules = UpstreamData.folder("falco").resolve("k8s_audit_rules.yaml");
    Path traces = UpstreamData.folder("falco-k8s-audit-tests")
        .resolve("test/trace_files/k8s_audit");
    LoadResult load = new RulesLoader().load(List.of(read(rules)));
    List<Map.Entry<String, byte[]>> inputs = new ArrayList<>();
    try (Stream<Path> s = Files.list(traces)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        inputs.add(Map.entry(p.getFileName().toString(), Files.readAllBytes(p)));
      }
    }
    assertThat(inputs).isNotEmpty();
    assertThat(assertSameWhenPruned(load, inputs)).isPositive();
  }

  @Test
  void generatedRules_sameAlertsOnTheCorpus() throws IOException {
    LoadResult base = new RulesLoader().load(List.of(builtin()));
    LoadResult many = new RulesLoader().load(List.of(RuleVariants.generate(base, 300)));
    assertThat(assertSame(many, corpus)).isPositive();
  }

  @Test
  void upstreamRuleset_sameAlertsOnTheCorpus() throws IOException {
    Path rules = UpstreamData.folder("falco").resolve("k8s_audit_rules.yaml");
    LoadResult load = new RulesLoader().load(List.of(read(rules)));
    assertThat(assertSame(load, corpus)).isPositive();
  }

  @Test
  void upstreamRuleset_sameAlertsOnTheConformanceTraces() throws IOException {
    Path rules = UpstreamData.folder("falco").resolve("k8s_audit_rules.yaml");
    Path traces = UpstreamData.folder("falco-k8s-audit-tests")
        .resolve("test/trace_files/k8s_audit");
    LoadResult load = new RulesLoader().load(List.of(read(rules)));
    List<AuditEvent> events = new ArrayList<>();
    try (Stream<Path> s = Files.list(traces)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        new EventDecoder().decode(Files.readAllBytes(p), p.getFileName().toString(), events::add,
            e -> { });
      }
    }
    assertThat(events).isNotEmpty();
    assertThat(assertSame(load, events)).isPositive();
  }

  static RulesInput read(Path p) throws IOException {
    return new RulesInput(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
  }
}
