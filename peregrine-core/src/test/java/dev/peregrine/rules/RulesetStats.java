package dev.peregrine.rules;

import java.util.List;

/** Counts of collected items, for tests that check a whole ruleset was read. */
record RulesetStats(int rules, int macros, int lists) {
  static RulesetStats of(List<RulesInput> inputs) {
    LoadResult r = new RulesLoader().load(inputs);
    Collector c = new Collector();
    Diags d = new Diags(r.sources());
    for (RulesInput in : inputs) {
      var sf = new dev.peregrine.diag.SourceFile(in.name(), in.content());
      new RulesReader(new YamlFile(sf, r.sources().add(sf)), c, d).read();
    }
    return new RulesetStats(c.rules().size(), c.macros().size(), c.lists().size());
  }
}
