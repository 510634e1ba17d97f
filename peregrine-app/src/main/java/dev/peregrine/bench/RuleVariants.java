package dev.peregrine.bench;

import dev.peregrine.lang.ExprPrinter;
import dev.peregrine.rules.LoadResult;
import dev.peregrine.rules.RuleDef;
import dev.peregrine.rules.RulesInput;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates many rules from a base ruleset: variant {@code i} of a base rule keeps its resolved
 * condition, moves it to another resource (every other variant) and excludes two made-up users,
 * so each variant has its own constants but the same shape and cost as real rules.
 */
final class RuleVariants {
  private static final String[] RESOURCES = {"pods", "deployments", "services", "configmaps",
      "secrets", "daemonsets", "statefulsets", "jobs", "cronjobs", "ingresses", "roles",
      "clusterroles", "rolebindings", "clusterrolebindings", "serviceaccounts", "namespaces",
      "nodes", "persistentvolumes", "replicasets", "networkpolicies"};
  private static final Pattern RESOURCE_EQ =
      Pattern.compile("ka\\.target\\.resource = ([^\\s(),]+)");

  private RuleVariants() {}

  /** {@code count} rules as one rules file, built from the k8s_audit rules of {@code base}. */
  static RulesInput generate(LoadResult base, int count) {
    List<RuleDef> defs = base.rules().stream()
        .filter(d -> d.source().equals("k8s_audit") && d.condition() != null && d.enabled())
        .toList();
    if (defs.isEmpty()) {
      throw new IllegalArgumentException("the base ruleset has no k8s_audit rules to vary");
    }
    StringBuilder sb = new StringBuilder("- required_engine_version: 0\n");
    for (int i = 0; i < count; i++) {
      RuleDef d = defs.get(i % defs.size());
      String cond = ExprPrinter.print(d.condition());
      if (i % 2 == 1) {
        String res = RESOURCES[(i / 2) % RESOURCES.length];
        cond = RESOURCE_EQ.matcher(cond).replaceAll(Matcher.quoteReplacement(
            "ka.target.resource = " + res));
      }
      cond = "(" + cond + ") and not ka.user.name in (bench-user-" + i + "-a, bench-user-" + i
          + "-b)";
      sb.append("- rule: ").append(quote(d.name() + " #" + i)).append('\n')
          .append("  desc: generated variant\n")
          .append("  condition: ").append(quote(cond)).append('\n')
          .append("  output: ").append(quote(d.output().replace('\n', ' '))).append('\n')
          .append("  priority: ").append(d.priority().name()).append('\n')
          .append("  source: k8s_audit\n");
    }
    return new RulesInput("generated-" + count + "-rules.yaml", sb.toString());
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
