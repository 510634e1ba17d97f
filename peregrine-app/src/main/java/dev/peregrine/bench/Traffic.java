package dev.peregrine.bench;

import static dev.peregrine.bench.Skeleton.hex;
import static dev.peregrine.bench.Skeleton.pick;

import dev.peregrine.bench.Skeleton.Ref;
import dev.peregrine.bench.Skeleton.Request;
import dev.peregrine.bench.Skeleton.Who;
import java.util.SplittableRandom;

/** The actors and request shapes of ordinary (non-attack) traffic. */
final class Traffic {
  static final String[] NAMESPACES = {"default", "shop", "payments", "monitoring", "ingress-nginx",
      "kube-system", "ci", "data"};
  static final String[] SYSTEM_GROUPS = {"system:authenticated"};
  static final String[] NODE_GROUPS = {"system:nodes", "system:authenticated"};
  static final String[] SA_GROUPS = {"system:serviceaccounts", "system:serviceaccounts:kube-system",
      "system:authenticated"};
  static final String[] USER_GROUPS = {"developers", "oidc:platform-team", "system:authenticated"};
  private static final String[] CONTROLLERS = {"deployment-controller", "replicaset-controller",
      "endpointslice-controller", "namespace-controller", "generic-garbage-collector",
      "horizontal-pod-autoscaler", "statefulset-controller", "job-controller"};
  private static final String[] READ_RESOURCES = {"pods", "nodes", "services", "endpoints",
      "configmaps", "namespaces", "replicasets", "deployments", "persistentvolumeclaims",
      "serviceaccounts", "endpointslices", "leases", "events", "statefulsets", "jobs"};
  private static final String[] PEOPLE = {"alice@example.com", "bob@example.com",
      "carol@example.com", "dave@example.com", "erin@example.com"};

  private Traffic() {}

  static Who controller(SplittableRandom rnd) {
    String c = pick(rnd, CONTROLLERS);
    return new Who("system:serviceaccount:kube-system:" + c, SA_GROUPS,
        "kube-controller-manager/v1.31.2 (linux/amd64) kubernetes/5864a46/system:serviceaccount:"
            + "kube-system:" + c, "10.0.0.11");
  }

  static Who systemComponent(SplittableRandom rnd) {
    return switch (rnd.nextInt(4)) {
      case 0 -> new Who("system:kube-scheduler", SYSTEM_GROUPS,
          "kube-scheduler/v1.31.2 (linux/amd64) kubernetes/5864a46/scheduler", "10.0.0.11");
      case 1 -> node(rnd);
      case 2 -> new Who("system:serviceaccount:kube-system:coredns", SA_GROUPS,
          "coredns/v1.11.3 (linux/amd64) kubernetes/" + hex(rnd, 7), "10.244.0.7");
      default -> controller(rnd);
    };
  }

  static Who node(SplittableRandom rnd) {
    int n = rnd.nextInt(40);
    return new Who("system:node:worker-" + n, NODE_GROUPS,
        "kubelet/v1.31.2 (linux/amd64) kubernetes/5864a46", "10.0.1." + (10 + n));
  }

  static Who person(SplittableRandom rnd) {
    return new Who(pick(rnd, PEOPLE), USER_GROUPS,
        "kubectl/v1.31.1 (darwin/arm64) kubernetes/948afe5", "203.0.113." + rnd.nextInt(255));
  }

  static String group(String resource) {
    return switch (resource) {
      case "replicasets", "deployments", "statefulsets", "daemonsets" -> "apps";
      case "leases" -> "coordination.k8s.io";
      case "endpointslices" -> "discovery.k8s.io";
      case "jobs" -> "batch";
      case "roles", "clusterroles", "rolebindings", "clusterrolebindings" ->
          "rbac.authorization.k8s.io";
      default -> null;
    };
  }

  static boolean clusterScoped(String resource) {
    return switch (resource) {
      case "nodes", "namespaces", "clusterroles", "clusterrolebindings" -> true;
      default -> false;
    };
  }

  /** The request URI the apiserver would record for this verb and object. */
  static String uri(String verb, Ref ref, String query) {
    String g = ref.group();
    StringBuilder sb = new StringBuilder(g == null ? "/api/v1" : "/apis/" + g + "/" + ref.version());
    if (ref.namespace() != null && !ref.resource().equals("namespaces")) {
      sb.append("/namespaces/").append(ref.namespace());
    }
    sb.append('/').append(ref.resource());
    if (ref.name() != null && !verb.equals("create") && !verb.equals("list")
        && !verb.equals("watch")) {
      sb.append('/').append(ref.name());
    }
    if (ref.subresource() != null) {
      sb.append('/').append(ref.subresource());
    }
    if (query != null) {
      sb.append('?').append(query);
    }
    return sb.toString();
  }

  static Ref ref(String resource, String ns, String name, String sub) {
    String g = group(resource);
    String v = g == null ? "v1" : "v1";
    return new Ref(resource, clusterScoped(resource) ? null : ns, name, g, v, sub);
  }

  /** A control-plane read: get, list or watch at Metadata level. */
  static Request systemRead(SplittableRandom rnd) {
    String resource = pick(rnd, READ_RESOURCES);
    int v = rnd.nextInt(10);
    String verb = v < 4 ? "get" : v < 7 ? "list" : "watch";
    String ns = rnd.nextInt(3) == 0 ? null : pick(rnd, NAMESPACES);
    String name = verb.equals("get") ? resource.replace("s", "") + "-" + hex(rnd, 5) : null;
    Ref ref = ref(resource, ns, name, null);
    String query = switch (verb) {
      case "list" -> "limit=500&resourceVersion=0";
      case "watch" -> "allowWatchBookmarks=true&resourceVersion=" + (4_000_000 + rnd.nextInt(99999))
          + "&timeout=8m" + rnd.nextInt(60) + "s&timeoutSeconds=" + (300 + rnd.nextInt(300))
          + "&watch=true";
      default -> null;
    };
    String stage = stage(rnd, verb.equals("watch"));
    return new Request("Metadata", stage, verb, uri(verb, ref, query), systemComponent(rnd), ref,
        200);
  }

  /** A stage: mostly ResponseComplete, some RequestReceived, ResponseStarted for long requests. */
  static String stage(SplittableRandom rnd, boolean longRunning) {
    int s = rnd.nextInt(10);
    if (s < 2) {
      return "RequestReceived";
    }
    return longRunning && s < 5 ? "ResponseStarted" : "ResponseComplete";
  }

  static String rbacReason(Who who) {
    return "RBAC: allowed by ClusterRoleBinding \"system:" + (who.user() == null ? "anonymous"
        : who.user().replace("system:serviceaccount:kube-system:", "controller:"))
        + "\" of ClusterRole \"system:controller\" to User \"" + who.user() + "\"";
  }
}
