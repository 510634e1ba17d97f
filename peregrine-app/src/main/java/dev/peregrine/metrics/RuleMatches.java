package dev.peregrine.metrics;

import dev.peregrine.engine.Alert;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code falcosecurity_falco_rules_matches_total} as Falco exposes it: one series per matched rule
 * with labels {@code rule_name}, {@code priority} (Falco's number: 0 = Emergency ... 7 = Debug),
 * {@code source} and one {@code tag_<tag>="true"} per rule tag, so label sets differ by rule.
 * Rules that never matched have no series.
 */
final class RuleMatches implements Collector {
  static final String NAME = "falcosecurity_falco_rules_matches";

  private record Key(String rule, int priority, List<String> tags) {}

  private final String source;
  private final ConcurrentHashMap<Key, LongAdder> counts = new ConcurrentHashMap<>();

  RuleMatches(String source) {
    this.source = source;
  }

  void add(Alert a) {
    counts.computeIfAbsent(new Key(a.rule(), a.priority().ordinal(), a.tags()),
        k -> new LongAdder()).increment();
  }

  List<String> ruleNames() {
    return counts.keySet().stream().map(Key::rule).sorted().toList();
  }

  @Override
  public MetricSnapshot collect() {
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(NAME).help(ServeMetrics.FALCO_HELP);
    counts.forEach((k, n) -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
        .labels(labels(k)).value(n.sum()).build()));
    return b.build();
  }

  @Override
  public String getPrometheusName() {
    return NAME;
  }

  private Labels labels(Key k) {
    List<String> names = new ArrayList<>(List.of("rule_name", "priority", "source"));
    List<String> values = new ArrayList<>(List.of(k.rule(), Integer.toString(k.priority()),
        source));
    for (String t : k.tags()) {
      String name = "tag_" + t.replaceAll("[^A-Za-z0-9_]", "_");
      if (!names.contains(name)) {
        names.add(name);
        values.add("true");
      }
    }
    return Labels.of(names, values);
  }
}
