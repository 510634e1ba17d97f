package dev.peregrine.bench;

import dev.peregrine.engine.Engine;
import dev.peregrine.engine.EngineOptions;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.rules.LoadResult;
import dev.peregrine.rules.RulesInput;
import dev.peregrine.rules.RulesLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end-to-end throughput bench: generates a corpus, keeps it in memory as JSON lines and runs
 * every workload over the same bytes in one process, from the Jackson stream-skip limit to full
 * detection with many rules. Results are the fastest of the timed passes after warm-up passes.
 */
public final class Bench {
  private static final int[] SIZE_BOUNDS = {0, 1024, 2048, 4096, 8192, 16384, 65536};
  private static final int[] RULE_COUNTS = {10, 50, 100, 250, 500};

  /**
   * What to run.
   *
   * @param warmupSeconds least time each workload warms up for, after {@code warmup} passes
   * @param rules the default ruleset (the built-in one unless replaced)
   * @param upstream the upstream Falco ruleset, or empty to skip that workload
   * @param variants how many generated rules the many-rules workload uses
   * @param curves also measure cost against event size and rule count
   */
  public record Config(int count, long seed, int warmup, double warmupSeconds, int runs,
      List<RulesInput> rules, List<RulesInput> upstream, int variants, boolean curves) {
    public Config {
      rules = List.copyOf(rules);
      upstream = List.copyOf(upstream);
      if (count < 1 || warmup < 0 || runs < 1 || variants < 1) {
        throw new IllegalArgumentException("count, runs and rules must be positive");
      }
      if (!(warmupSeconds >= 0 && warmupSeconds <= 3600)) {
        throw new IllegalArgumentException("warm-up time must be 0 to 3600 seconds");
      }
    }

    long warmupNanos() {
      return (long) (warmupSeconds * 1e9);
    }
  }

  private final Config config;
  private final FieldRegistry registry;
  private final PrintWriter log;

  private Bench(Config config, FieldRegistry registry, PrintWriter log) {
    this.config = config;
    this.registry = registry;
    this.log = log;
  }

  /** Runs the bench; progress goes to {@code log}. */
  public static BenchReport run(Config config, FieldRegistry registry, PrintWriter log) {
    return new Bench(config, registry, log).run();
  }

  private BenchReport run() {
    Corpus corpus = Corpus.generate(new Corpus.Spec(config.count(), config.seed(), Mix.defaults()));
    byte[] data = corpus.jsonl();
    LoadResult base = new RulesLoader().load(config.rules());
    List<BenchReport.Row> rows = new ArrayList<>();
    BenchReport.Row skip = row(rows, "a", "Jackson stream-skip", Passes.streamSkip(data), data,
        corpus, null);
    row(rows, "b", "Jackson readTree", Passes.readTree(data), data, corpus, skip);
    row(rows, "c0", "decode, streaming parser only (no fast path)", Passes.decode(data, false),
        data, corpus, skip);
    row(rows, "cJ", "decode, Jackson line path (no byte scanner)",
        Passes.decodeWithoutScanner(data), data, corpus, skip);
    row(rows, "c", "Peregrine decode only", Passes.decode(data, true), data, corpus, skip);
    engines(rows, data, corpus, skip, base);
    rows = againstFasterSkip(rows, data);
    same(rows, "c0", "cJ", "c", "c1");
    same(rows, "d", "dN", "d0");
    same(rows, "e", "e0");
    same(rows, "f", "f0");
    List<BenchReport.Point> bySize = config.curves() ? bySize(corpus, base) : List.of();
    List<BenchReport.Point> byRules = config.curves() ? byRules(data, corpus, base) : List.of();
    return new BenchReport(corpus.sizes(), BenchReport.describeMachine(), config, rows, bySize, byRules);
  }

  private void engines(List<BenchReport.Row> rows, byte[] data, Corpus corpus,
      BenchReport.Row skip, LoadResult base) {
    Engine def = engine(base, true);
    int n = def.activeRules().size();
    row(rows, "c1", "decode, only what the default ruleset reads",
        Passes.decodeSelected(data, def), data, corpus, skip);
    row(rows, "d", "default ruleset (" + n + " rules)", Passes.detect(data, def),
        data, corpus, skip);
    int threads = Runtime.getRuntime().availableProcessors();
    if (threads > 1) {
      row(rows, "dN", "default ruleset, " + threads + " threads (replay --threads)",
          Passes.detectParallel(data, def, threads), data, corpus, skip);
    }
    row(rows, "d0", "default ruleset, optimisations off",
        Passes.detect(data, engine(base, false), false), data, corpus, skip);
    if (!config.upstream().isEmpty()) {
      LoadResult up = new RulesLoader().load(config.upstream());
      Engine on = engine(up, true);
      row(rows, "e", "upstream ruleset (" + on.activeRules().size() + " rules)",
          Passes.detect(data, on), data, corpus, skip);
      row(rows, "e0", "upstream ruleset, optimisations off",
          Passes.detect(data, engine(up, false), false), data, corpus, skip);
    } else {
      log.println("bench: no upstream ruleset; workload (e) skipped");
    }
    LoadResult many = new RulesLoader().load(List.of(RuleVariants.generate(base, config.variants())));
    row(rows, "f", config.variants() + " generated rules", Passes.detect(data, engine(many, true)),
        data, corpus, skip);
    row(rows, "f0", config.variants() + " generated rules, optimisations off",
        Passes.detect(data, engine(many, false), false), data, corpus, skip);
  }

  /**
   * Measures (a) again after the other workloads and keeps the faster of its two measurements,
   * with every ratio taken to it: on a shared machine a disturbed first measurement of the limit
   * would flatter every ratio.
   */
  private List<BenchReport.Row> againstFasterSkip(List<BenchReport.Row> rows, byte[] data) {
    log.println("bench: (a) Jackson stream-skip, again ...");
    log.flush();
    Measure.Timing again = Measure.time(Passes.streamSkip(data), config.warmup(),
        config.warmupNanos(), config.runs());
    BenchReport.Row first = rows.get(0);
    if (again.nanos() >= first.nanos()) {
      return rows;
    }
    BenchReport.Row skip = BenchReport.Row.of(first.id(), first.name(), first.events(),
        first.bytes(), again, again.nanos());
    List<BenchReport.Row> out = new ArrayList<>();
    out.add(skip);
    for (BenchReport.Row r : rows.subList(1, rows.size())) {
      out.add(r.relativeTo(again.nanos()));
    }
    return out;
  }

  /**
   * Workloads that must see the same events or raise the same alerts (with and without an
   * optimisation) have the same check value: a mismatch is a bug, not a measurement.
   */
  private static void same(List<BenchReport.Row> rows, String... ids) {
    List<BenchReport.Row> found = rows.stream()
        .filter(r -> List.of(ids).contains(r.id())).toList();
    for (BenchReport.Row r : found) {
      if (r.checksum() != found.get(0).checksum()) {
        throw new IllegalStateException("bench: (" + r.id() + ") gave check " + r.checksum()
            + " but (" + found.get(0).id() + ") gave " + found.get(0).checksum());
      }
    }
  }

  private Engine engine(LoadResult load, boolean optimised) {
    Engine.Build b = Engine.build(load, registry, EngineOptions.defaults()
        .withOptimizations(optimised));
    return b.engine().orElseThrow(() -> new IllegalArgumentException(
        "rules have errors: " + b.issues().stream().filter(i -> i.isError()).findFirst()
            .map(i -> i.render()).orElse("?")));
  }

  private BenchReport.Row row(List<BenchReport.Row> rows, String id, String name,
      Measure.Pass pass, byte[] data, Corpus corpus, BenchReport.Row skip) {
    log.printf(Locale.ROOT, "bench: (%s) %s ...%n", id, name);
    log.flush();
    Measure.Timing t = Measure.time(pass, config.warmup(), config.warmupNanos(), config.runs());
    BenchReport.Row r = BenchReport.Row.of(id, name, corpus.events().size(), data.length, t,
        skip == null ? t.nanos() : skip.nanos());
    rows.add(r);
    return r;
  }

  private List<BenchReport.Point> bySize(Corpus corpus, LoadResult base) {
    List<BenchReport.Point> out = new ArrayList<>();
    Engine def = engine(base, true);
    for (int b = 0; b + 1 < SIZE_BOUNDS.length; b++) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      List<Integer> sizes = new ArrayList<>();
      for (byte[] e : corpus.events()) {
        if (e.length >= SIZE_BOUNDS[b] && e.length < SIZE_BOUNDS[b + 1]) {
          buf.write(e, 0, e.length);
          buf.write('\n');
          sizes.add(e.length);
        }
      }
      if (sizes.size() < 20) {
        continue;
      }
      byte[] data = buf.toByteArray();
      double x = sizes.stream().sorted().toList().get(sizes.size() / 2) / 1024.0;
      log.printf(Locale.ROOT, "bench: size curve, %d events around %.1f KB%n", sizes.size(), x);
      log.flush();
      out.add(point("stream-skip", x, Passes.streamSkip(data), sizes.size()));
      out.add(point("decode", x, Passes.decode(data, true), sizes.size()));
      out.add(point("default ruleset", x, Passes.detect(data, def), sizes.size()));
    }
    return out;
  }

  private List<BenchReport.Point> byRules(byte[] data, Corpus corpus, LoadResult base) {
    List<BenchReport.Point> out = new ArrayList<>();
    int n = corpus.events().size();
    out.add(point("stream-skip", 0, Passes.streamSkip(data), n));
    out.add(point("decode", 0, Passes.decode(data, true), n));
    for (int count : RULE_COUNTS) {
      log.printf(Locale.ROOT, "bench: rule curve, %d rules%n", count);
      log.flush();
      LoadResult many = new RulesLoader().load(List.of(RuleVariants.generate(base, count)));
      out.add(point("optimised", count, Passes.detect(data, engine(many, true)), n));
      out.add(point("optimisations off", count, Passes.detect(data, engine(many, false), false), n));
    }
    return out;
  }

  private BenchReport.Point point(String series, double x, Measure.Pass pass, int events) {
    // the curves show how cost grows, from many small measurements: a shorter warm-up
    Measure.Timing t = Measure.time(pass, Math.min(config.warmup(), 2),
        Math.min(config.warmupNanos(), 1_000_000_000L), Math.min(config.runs(), 3));
    return new BenchReport.Point(series, x, (double) t.nanos() / events);
  }
}
