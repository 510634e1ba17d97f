package dev.peregrine.bench;

import dev.peregrine.rules.LoadResult;
import dev.peregrine.rules.RulesInput;

/** Public access to the generated rule variations, for the JMH module. */
public final class RuleSetVariants {
  private RuleSetVariants() {}

  /** {@code count} rules varied from the k8s_audit rules of {@code base}. */
  public static RulesInput generate(LoadResult base, int count) {
    return RuleVariants.generate(base, count);
  }
}
