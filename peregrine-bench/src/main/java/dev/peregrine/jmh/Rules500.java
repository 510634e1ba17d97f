package dev.peregrine.jmh;

import dev.peregrine.bench.RuleSetVariants;
import dev.peregrine.rules.RulesInput;
import dev.peregrine.rules.RulesLoader;
import java.util.List;

/** 500 generated variations of a base ruleset, as the end-to-end bench uses them. */
final class Rules500 {
  private Rules500() {}

  static RulesInput of(RulesInput base) {
    return RuleSetVariants.generate(new RulesLoader().load(List.of(base)), 500);
  }
}
