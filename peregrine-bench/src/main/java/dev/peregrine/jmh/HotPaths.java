package dev.peregrine.jmh;

import dev.peregrine.bench.Corpus;
import dev.peregrine.bench.Mix;
import dev.peregrine.engine.Engine;
import dev.peregrine.engine.EngineOptions;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.EventDecoder;
import dev.peregrine.field.Extractor;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.rules.RulesInput;
import dev.peregrine.rules.RulesLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Microbenchmarks of the hot parts, each over the same 2,000 generated events: decoding, field
 * extraction, string operators (fused or not) and rule selection (indexed or not). Scores are
 * per pass over all events. Run: {@code java -jar peregrine-bench/target/benchmarks.jar}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class HotPaths {
  /** Whether the engine optimisations (rule index, fused matchers) are on. */
  @Param({"true", "false"})
  public boolean optimised;

  byte[] jsonl;
  List<AuditEvent> events;
  Extractor resource;
  Extractor images;
  Engine builtin;
  Engine credentials;
  Engine many;

  /** Generates the events and builds the engines once. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    jsonl = Corpus.generate(new Corpus.Spec(2_000, 1, Mix.defaults())).jsonl();
    events = new ArrayList<>();
    new EventDecoder().decode(jsonl, "jmh", events::add, e -> { });
    FieldRegistry registry = FieldRegistry.standard(ZoneOffset.UTC, "jmh");
    resource = registry.find("ka.target.resource").orElseThrow().bind(null);
    images = registry.find("ka.req.pod.containers.image").orElseThrow().bind(null);
    EngineOptions o = EngineOptions.defaults().withMatchAll(true).withOptimizations(optimised);
    RulesInput rules = builtinRules();
    builtin = build(List.of(rules), registry, o);
    credentials = build(List.of(new RulesInput("cred.yaml", CREDENTIALS)), registry, o);
    many = build(List.of(Rules500.of(rules)), registry, o);
  }

  private static final String CREDENTIALS = """
      - rule: creds
        desc: configmap with credentials
        condition: ka.target.resource = configmaps and (ka.req.configmap.obj contains password
          or ka.req.configmap.obj contains passphrase or ka.req.configmap.obj contains aws_access_key_id
          or ka.req.configmap.obj contains aws-access-key-id or ka.req.configmap.obj contains token)
        output: creds %ka.target.name
        priority: WARNING
        source: k8s_audit
      """;

  static RulesInput builtinRules() throws IOException {
    try (InputStream in = HotPaths.class.getResourceAsStream(
        "/rules/peregrine_k8s_audit_rules.yaml")) {
      return new RulesInput("builtin", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static Engine build(List<RulesInput> rules, FieldRegistry registry, EngineOptions o) {
    return Engine.build(new RulesLoader().load(rules), registry, o).engine().orElseThrow();
  }

  /** Decoding the JSON lines into events (independent of the optimisation flag). */
  @Benchmark
  public void decode(Blackhole bh) {
    new EventDecoder().decode(jsonl, "jmh", bh::consume, bh::consume);
  }

  /** Reading a scalar and a list field from every event. */
  @Benchmark
  public void extractFields(Blackhole bh) {
    for (AuditEvent e : events) {
      bh.consume(resource.string(e));
      bh.consume(images.list(e));
    }
  }

  /** A disjunction of five {@code contains} on one field: fused or one by one. */
  @Benchmark
  public void containsList(Blackhole bh) {
    for (AuditEvent e : events) {
      bh.consume(credentials.process(e));
    }
  }

  /** The built-in ruleset on decoded events. */
  @Benchmark
  public void builtinRules(Blackhole bh) {
    for (AuditEvent e : events) {
      bh.consume(builtin.process(e));
    }
  }

  /** 500 generated rules on decoded events: rule selection dominates. */
  @Benchmark
  public void rules500(Blackhole bh) {
    for (AuditEvent e : events) {
      bh.consume(many.process(e));
    }
  }
}
