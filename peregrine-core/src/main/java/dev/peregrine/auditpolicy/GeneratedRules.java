package dev.peregrine.auditpolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The rule shapes {@link PolicyGenerator} proposes, each with its explaining comment. */
final class GeneratedRules {
  static final String RBAC = "rbac.authorization.k8s.io";
  static final List<String> NOISE_PATHS =
      List.of("/api*", "/version", "/healthz*", "/livez*", "/readyz*", "/openapi*");

  private GeneratedRules() {}

  /** A rule for alerting events of one resource (group non-null) or of non-resource paths. */
  static PolicyGenerator.Draft keep(Level level, String group, String resource,
      List<String> verbs, List<String> paths, Set<String> detections, long events) {
    String why = String.format(Locale.ROOT, "Detections need these at %s (%d alerting event(s)):"
        + " %s.", level.wire(), events, String.join(", ", detections));
    if (group == null) {
      return new PolicyGenerator.Draft(rule(level, List.of(), List.of(), verbs, List.of(),
          paths), why, true);
    }
    return new PolicyGenerator.Draft(rule(level, List.of(), List.of(), verbs,
        List.of(new GroupResources(group, List.of(resource), List.of())), List.of()), why, true);
  }

  /** None rules for system components' reads and housekeeping writes, and health paths. */
  static List<PolicyGenerator.Draft> noise(Set<String> systemUsers, boolean nodes) {
    List<PolicyGenerator.Draft> out = new ArrayList<>();
    List<String> users = List.copyOf(systemUsers);
    List<String> groups = List.of(PolicyGenerator.NODES);
    List<GroupResources> housekeeping = List.of(
        new GroupResources("", List.of("endpoints", "events"), List.of()),
        new GroupResources("coordination.k8s.io", List.of("leases"), List.of()),
        new GroupResources("discovery.k8s.io", List.of("endpointslices"), List.of()),
        new GroupResources("events.k8s.io", List.of("events"), List.of()));
    List<GroupResources> nodeHousekeeping = List.of(
        new GroupResources("", List.of("nodes/status", "events"), List.of()),
        new GroupResources("coordination.k8s.io", List.of("leases"), List.of()),
        new GroupResources("events.k8s.io", List.of("events"), List.of()));
    if (!users.isEmpty()) {
      out.add(noise(rule(Level.NONE, users, List.of(), PolicyGenerator.READ_VERBS, List.of(),
          List.of()), "System components' read-only requests (controllers, scheduler, proxies)."));
    }
    if (nodes) {
      out.add(noise(rule(Level.NONE, List.of(), groups, PolicyGenerator.READ_VERBS, List.of(),
          List.of()), "Kubelets' read-only requests."));
    }
    if (!users.isEmpty()) {
      out.add(noise(rule(Level.NONE, users, List.of(), PolicyGenerator.WRITE_VERBS,
          housekeeping, List.of()), "System components' leader-election leases, endpoints"
          + " and events."));
    }
    if (nodes) {
      out.add(noise(rule(Level.NONE, List.of(), groups, PolicyGenerator.WRITE_VERBS,
          nodeHousekeeping, List.of()), "Kubelets' heartbeats: node status, leases, events."));
    }
    out.add(noise(rule(Level.NONE, List.of(), List.of("system:authenticated"), List.of(),
        List.of(), NOISE_PATHS), "Authenticated discovery, version, health and OpenAPI"
        + " requests (anonymous and failed-authentication requests are still logged)."));
    return out;
  }

  private static PolicyGenerator.Draft noise(PolicyRule r, String comment) {
    return new PolicyGenerator.Draft(r, comment, false);
  }

  /** Secrets and tokens at Metadata: their bodies are credentials. */
  static PolicyGenerator.Draft sensitiveMetadata() {
    return noise(rule(Level.METADATA, List.of(), List.of(), List.of(), List.of(
        new GroupResources("", List.of("secrets", "configmaps", "serviceaccounts/token"),
            List.of()),
        new GroupResources("authentication.k8s.io", List.of("tokenreviews"), List.of())),
        List.of()), "Secrets, configmaps and tokens: metadata only, their bodies are"
        + " credentials.");
  }

  /** Writes whose bodies detections usually read: pods, services, RBAC objects. */
  static PolicyGenerator.Draft bodies(Level level) {
    return noise(rule(level, List.of(), List.of(), PolicyGenerator.WRITE_VERBS, List.of(
        new GroupResources("", List.of("pods", "services"), List.of()),
        new GroupResources(RBAC, List.of("roles", "rolebindings", "clusterroles",
            "clusterrolebindings"), List.of())), List.of()),
        "Pod, service and RBAC changes at " + level.wire() + ": detections read the"
        + " bodies of such requests.");
  }

  static PolicyRule rule(Level level, List<String> users, List<String> groups,
      List<String> verbs, List<GroupResources> resources, List<String> paths) {
    return new PolicyRule(level.wire(), users, groups, verbs, resources, List.of(), paths,
        List.of(), null);
  }
}
