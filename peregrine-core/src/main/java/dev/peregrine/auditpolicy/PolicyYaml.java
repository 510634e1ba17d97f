package dev.peregrine.auditpolicy;

import java.util.List;

/**
 * Writes a {@link Policy} as YAML that {@link PolicyReader} and the apiserver read back to the
 * same policy: every string double-quoted (JSON escapes), lists in flow style.
 */
public final class PolicyYaml {
  private PolicyYaml() {}

  /**
   * The policy as YAML.
   *
   * @param header comment lines written first (without {@code #})
   * @param comments one comment per rule (empty for none), written above it
   */
  public static String write(List<String> header, Policy p, List<String> comments) {
    StringBuilder sb = new StringBuilder();
    for (String h : header) {
      sb.append(h.isEmpty() ? "#" : "# " + h).append('\n');
    }
    sb.append("apiVersion: audit.k8s.io/v1\nkind: Policy\n");
    if (!p.omitStages().isEmpty()) {
      sb.append("omitStages: ").append(flow(p.omitStages())).append('\n');
    }
    if (p.omitManagedFields()) {
      sb.append("omitManagedFields: true\n");
    }
    sb.append("rules:\n");
    for (int i = 0; i < p.rules().size(); i++) {
      String c = i < comments.size() ? comments.get(i) : "";
      if (!c.isEmpty()) {
        sb.append("  # ").append(c).append('\n');
      }
      rule(sb, p.rules().get(i));
    }
    return sb.toString();
  }

  private static void rule(StringBuilder sb, PolicyRule r) {
    sb.append("  - level: ").append(r.level()).append('\n');
    list(sb, "users", r.users());
    list(sb, "userGroups", r.userGroups());
    list(sb, "verbs", r.verbs());
    list(sb, "namespaces", r.namespaces());
    if (!r.resources().isEmpty()) {
      sb.append("    resources:\n");
      for (GroupResources gr : r.resources()) {
        sb.append("      - group: ").append(quote(gr.group())).append('\n');
        if (!gr.resources().isEmpty()) {
          sb.append("        resources: ").append(flow(gr.resources())).append('\n');
        }
        if (!gr.resourceNames().isEmpty()) {
          sb.append("        resourceNames: ").append(flow(gr.resourceNames())).append('\n');
        }
      }
    }
    list(sb, "nonResourceURLs", r.nonResourceURLs());
    list(sb, "omitStages", r.omitStages());
    if (r.omitManagedFields() != null) {
      sb.append("    omitManagedFields: ").append(r.omitManagedFields()).append('\n');
    }
  }

  private static void list(StringBuilder sb, String key, List<String> values) {
    if (!values.isEmpty()) {
      sb.append("    ").append(key).append(": ").append(flow(values)).append('\n');
    }
  }

  static String flow(List<String> values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
    }
    return sb.append(']').toString();
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
