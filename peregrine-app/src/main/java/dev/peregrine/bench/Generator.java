package dev.peregrine.bench;

import static dev.peregrine.bench.Skeleton.hex;
import static dev.peregrine.bench.Skeleton.pick;
import static dev.peregrine.bench.Traffic.NAMESPACES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.bench.Bodies.PodRisk;
import dev.peregrine.bench.Skeleton.Ref;
import dev.peregrine.bench.Skeleton.Request;
import dev.peregrine.bench.Skeleton.Who;
import java.util.SplittableRandom;

/** Builds one event of a traffic class; all randomness comes from the given generator. */
final class Generator {
  private final SplittableRandom rnd;
  private final boolean withKind;
  private long nanos;

  Generator(SplittableRandom rnd, long startNanos, boolean withKind) {
    this.rnd = rnd;
    this.nanos = startNanos;
    this.withKind = withKind;
  }

  ObjectNode next(Kind kind) {
    nanos += 200_000 + rnd.nextInt(3_000_000);
    return switch (kind) {
      case SYSTEM_READ -> plain(Traffic.systemRead(rnd));
      case LEASE_ENDPOINTS -> leaseOrEndpoints();
      case CONTROLLER_WRITE -> controllerWrite();
      case USER_KUBECTL -> kubectl();
      case WORKLOAD_CREATE -> workload();
      case SECRETS_CONFIGMAPS -> secretsOrConfigMaps();
      case EXEC -> exec(Traffic.person(rnd), pick(rnd, NAMESPACES));
      case RBAC -> rbac();
      case DENIED -> denied();
      case ATTACK -> Attacks.next(this, rnd);
    };
  }

  /** An event without bodies. */
  ObjectNode plain(Request r) {
    return build(r, null, null);
  }

  /** An event with optional request and response bodies (by level). */
  ObjectNode build(Request r, JsonNode request, JsonNode response) {
    ObjectNode e = Skeleton.start(r, rnd, withKind);
    boolean bodies = !r.stage().equals("RequestReceived") || r.level().equals("Request");
    if (request != null && !r.level().equals("Metadata") && bodies) {
      e.set("requestObject", request);
    }
    if (response != null && r.level().equals("RequestResponse")
        && !r.stage().equals("RequestReceived")) {
      e.set("responseObject", response);
    }
    Skeleton.finish(e, nanos, r, Traffic.rbacReason(r.who()));
    return e;
  }

  /** A write of {@code object} at the given level. */
  ObjectNode write(String level, String verb, Who who, Ref ref, JsonNode object) {
    String stage = rnd.nextInt(10) < 2 ? "RequestReceived" : "ResponseComplete";
    int code = verb.equals("create") ? 201 : 200;
    Request r = new Request(level, stage, verb, Traffic.uri(verb, ref, null), who, ref, code);
    return build(r, object, object);
  }

  private ObjectNode leaseOrEndpoints() {
    if (rnd.nextInt(10) < 6) {
      Who node = Traffic.node(rnd);
      String name = node.user().substring("system:node:".length());
      Ref ref = Traffic.ref("leases", "kube-node-lease", name, null);
      ObjectNode lease = Skeleton.NODES.objectNode();
      lease.put("kind", "Lease").put("apiVersion", "coordination.k8s.io/v1");
      lease.set("metadata", Bodies.meta(rnd, name, "kube-node-lease"));
      lease.putObject("spec").put("holderIdentity", name).put("leaseDurationSeconds", 40)
          .put("renewTime", Skeleton.time(nanos));
      return write(rnd.nextInt(10) < 7 ? "Metadata" : "Request", "update", node, ref, lease);
    }
    String svc = pick(rnd, new String[] {"checkout", "payments-api", "redis", "grafana"});
    Ref ref = Traffic.ref("endpointslices", pick(rnd, NAMESPACES), svc + "-" + hex(rnd, 5), null);
    ObjectNode slice = Skeleton.NODES.objectNode();
    slice.put("kind", "EndpointSlice").put("apiVersion", "discovery.k8s.io/v1");
    slice.set("metadata", Bodies.meta(rnd, ref.name(), ref.namespace()));
    slice.put("addressType", "IPv4");
    var eps = slice.putArray("endpoints");
    for (int i = 0, n = 1 + rnd.nextInt(6); i < n; i++) {
      eps.addObject().put("nodeName", "worker-" + rnd.nextInt(40)).putArray("addresses")
          .add("10.244." + rnd.nextInt(40) + "." + rnd.nextInt(255));
    }
    return write("Request", "update", Traffic.controller(rnd), ref, slice);
  }

  private ObjectNode controllerWrite() {
    String[][] kinds = {{"deployments", "Deployment"}, {"replicasets", "ReplicaSet"},
        {"pods", "Pod"}, {"statefulsets", "StatefulSet"}};
    String[] k = pick(rnd, kinds);
    String ns = pick(rnd, NAMESPACES);
    String name = "app-" + hex(rnd, 6);
    Ref ref = Traffic.ref(k[0], ns, name, "status");
    String verb = rnd.nextBoolean() ? "update" : "patch";
    return write("Request", verb, Traffic.controller(rnd), ref,
        Bodies.status(rnd, k[1], name, ns));
  }

  private ObjectNode kubectl() {
    Who who = Traffic.person(rnd);
    String ns = pick(rnd, NAMESPACES);
    int v = rnd.nextInt(10);
    if (v < 7) {
      String res = pick(rnd, new String[] {"pods", "deployments", "services", "events", "nodes"});
      String verb = v < 3 ? "get" : "list";
      String name = verb.equals("get") ? res.substring(0, 3) + "-" + hex(rnd, 5) : null;
      String sub = verb.equals("get") && res.equals("pods") && v == 2 ? "log" : null;
      Ref ref = Traffic.ref(res, ns, name, sub);
      String q = verb.equals("list") ? "limit=500" : null;
      return plain(new Request("Metadata", Traffic.stage(rnd, false), verb,
          Traffic.uri(verb, ref, q), who, ref, 200));
    }
    String name = "web-" + hex(rnd, 4);
    if (v < 9) {
      Ref ref = Traffic.ref("deployments", ns, name, "scale");
      ObjectNode patch = Skeleton.NODES.objectNode();
      patch.putObject("spec").put("replicas", 1 + rnd.nextInt(9));
      return write("Request", "patch", who, ref, patch);
    }
    Ref ref = Traffic.ref("pods", ns, name + "-" + hex(rnd, 5), null);
    return plain(new Request("Metadata", "ResponseComplete", "delete",
        Traffic.uri("delete", ref, null), who, ref, 200));
  }

  private ObjectNode workload() {
    String ns = pick(rnd, NAMESPACES);
    boolean tail = rnd.nextInt(100) < 8;
    int containers = tail ? 3 + rnd.nextInt(4) : 1 + rnd.nextInt(3);
    int env = tail ? 20 + rnd.nextInt(30) : 2 + rnd.nextInt(12);
    String name = "app-" + hex(rnd, 6);
    if (rnd.nextInt(10) < 6) {
      Ref ref = Traffic.ref("pods", ns, name + "-" + hex(rnd, 5), null);
      ObjectNode pod = Bodies.pod(rnd, ref.name(), ns, containers, env, PodRisk.NONE);
      return write("RequestResponse", "create", Traffic.controller(rnd), ref, pod);
    }
    Ref ref = Traffic.ref("deployments", ns, name, null);
    ObjectNode d = Bodies.deployment(rnd, name, ns, containers, env);
    return write("RequestResponse", rnd.nextInt(4) == 0 ? "update" : "create",
        Traffic.person(rnd), ref, d);
  }

  private ObjectNode secretsOrConfigMaps() {
    int v = rnd.nextInt(10);
    String ns = pick(rnd, NAMESPACES);
    if (v < 5) {
      Ref ref = Traffic.ref("secrets", ns, "db-credentials-" + hex(rnd, 3), null);
      Who who = rnd.nextBoolean() ? Traffic.controller(rnd) : Traffic.node(rnd);
      return plain(new Request("Metadata", Traffic.stage(rnd, false), "get",
          Traffic.uri("get", ref, null), who, ref, 200));
    }
    if (v < 6) {
      Ref ref = Traffic.ref("secrets", ns, null, null);
      return plain(new Request("Metadata", "ResponseComplete", "list",
          Traffic.uri("list", ref, "limit=500"), Traffic.person(rnd), ref, 200));
    }
    boolean tail = rnd.nextInt(100) < 5;
    int keys = tail ? 8 + rnd.nextInt(14) : 1 + rnd.nextInt(8);
    int bytes = tail ? 600 + rnd.nextInt(400) : 16 + rnd.nextInt(120);
    String name = "settings-" + hex(rnd, 5);
    Ref ref = Traffic.ref("configmaps", ns, name, null);
    ObjectNode cm = Bodies.configMap(rnd, name, ns, keys, bytes, false);
    return write("RequestResponse", v < 8 ? "create" : "update", Traffic.controller(rnd), ref, cm);
  }

  /** An exec, attach or port-forward event by {@code who} into namespace {@code ns}. */
  ObjectNode exec(Who who, String ns) {
    String sub = pick(rnd, new String[] {"exec", "exec", "attach", "portforward"});
    Ref ref = Traffic.ref("pods", ns, "web-" + hex(rnd, 5), sub);
    String q = switch (sub) {
      case "exec" -> "command=sh&command=-c&command=cat+%2Fetc%2Fhostname&container=app"
          + "&stdin=true&stdout=true&tty=true";
      case "attach" -> "container=app&stdin=true&stdout=true&tty=true";
      default -> "ports=8080";
    };
    boolean started = rnd.nextBoolean();
    String verb = sub.equals("portforward") ? "get" : "create";
    return plain(new Request("Metadata", started ? "ResponseStarted" : "ResponseComplete", verb,
        Traffic.uri(verb, ref, q), who, ref, 101));
  }

  private ObjectNode rbac() {
    String ns = pick(rnd, NAMESPACES);
    Who who = Traffic.person(rnd);
    return switch (rnd.nextInt(4)) {
      case 0 -> write("RequestResponse", "create", who,
          Traffic.ref("roles", ns, "reader-" + hex(rnd, 4), null),
          Bodies.role(rnd, "Role", "reader", ns, false));
      case 1 -> write("RequestResponse", "update", who,
          Traffic.ref("clusterroles", null, "aggregate-" + hex(rnd, 4), null),
          Bodies.role(rnd, "ClusterRole", "aggregate", null, false));
      case 2 -> write("RequestResponse", "create", who,
          Traffic.ref("rolebindings", ns, "dev-view-" + hex(rnd, 4), null),
          Bodies.binding(rnd, "RoleBinding", "dev-view", ns, "view"));
      default -> write("RequestResponse", "create", who,
          Traffic.ref("clusterrolebindings", null, "ci-edit-" + hex(rnd, 4), null),
          Bodies.binding(rnd, "ClusterRoleBinding", "ci-edit", null, "edit"));
    };
  }

  private ObjectNode denied() {
    if (rnd.nextInt(3) == 0) {
      Who nobody = new Who(null, new String[0], "python-requests/2.32.3",
          "198.51.100." + rnd.nextInt(255));
      Ref ref = Traffic.ref("secrets", "kube-system", null, null);
      return plain(new Request("Metadata", "ResponseStarted", "list",
          Traffic.uri("list", ref, null), nobody, ref, 401));
    }
    Who who = rnd.nextBoolean() ? Traffic.person(rnd) : Traffic.controller(rnd);
    String res = pick(rnd, new String[] {"secrets", "nodes", "clusterroles", "pods"});
    Ref ref = Traffic.ref(res, "kube-system", null, null);
    return plain(new Request("Metadata", "ResponseComplete", "list",
        Traffic.uri("list", ref, null), who, ref, 403));
  }
}
