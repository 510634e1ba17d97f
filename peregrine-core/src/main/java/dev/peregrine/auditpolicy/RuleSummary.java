package dev.peregrine.auditpolicy;

import java.util.ArrayList;
import java.util.List;

/** A one-line description of a policy rule's selectors, for reports. */
public final class RuleSummary {
  private RuleSummary() {}

  /**
   * The rule's selectors as {@code key=value,value} pairs, e.g. {@code users=system:kube-proxy
   * verbs=watch resources=core/endpoints,core/services}; {@code (every request)} for a catch-all.
   */
  public static String of(PolicyRule r) {
    List<String> parts = new ArrayList<>();
    add(parts, "users", r.users());
    add(parts, "userGroups", r.userGroups());
    add(parts, "verbs", r.verbs());
    add(parts, "namespaces", r.namespaces().stream().map(n -> n.isEmpty() ? "\"\"" : n).toList());
    List<String> res = new ArrayList<>();
    for (GroupResources gr : r.resources()) {
      String g = gr.group().isEmpty() ? "core" : gr.group();
      String names = gr.resourceNames().isEmpty() ? ""
          : "[" + String.join(",", gr.resourceNames()) + "]";
      if (gr.resources().isEmpty()) {
        res.add(g + "/*" + names);
      }
      for (String x : gr.resources()) {
        res.add(g + "/" + x + names);
      }
    }
    add(parts, "resources", res);
    add(parts, "nonResourceURLs", r.nonResourceURLs());
    return parts.isEmpty() ? "(every request)" : String.join(" ", parts);
  }

  private static void add(List<String> parts, String key, List<String> values) {
    if (!values.isEmpty()) {
      parts.add(key + "=" + String.join(",", values));
    }
  }
}
