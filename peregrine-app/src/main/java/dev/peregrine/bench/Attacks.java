package dev.peregrine.bench;

import static dev.peregrine.bench.Skeleton.hex;
import static dev.peregrine.bench.Skeleton.pick;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.bench.Bodies.PodRisk;
import dev.peregrine.bench.Skeleton.Ref;
import dev.peregrine.bench.Skeleton.Request;
import dev.peregrine.bench.Skeleton.Who;
import java.util.SplittableRandom;

/** The hostile share of the corpus: what the default and upstream rules detect. */
final class Attacks {
  private Attacks() {}

  static ObjectNode next(Generator g, SplittableRandom rnd) {
    Who who = Traffic.person(rnd);
    String ns = pick(rnd, Traffic.NAMESPACES);
    String name = "x-" + hex(rnd, 6);
    return switch (rnd.nextInt(11)) {
      case 0 -> pod(g, rnd, who, ns, PodRisk.PRIVILEGED);
      case 1 -> pod(g, rnd, who, ns, PodRisk.HOST_NETWORK);
      case 2 -> pod(g, rnd, who, ns, PodRisk.HOST_PID);
      case 3 -> pod(g, rnd, who, ns, PodRisk.SENSITIVE_MOUNT);
      case 4 -> g.write("RequestResponse", "create", who,
          Traffic.ref("clusterrolebindings", null, name, null),
          Bodies.binding(rnd, "ClusterRoleBinding", name, null, "cluster-admin"));
      case 5 -> g.write("RequestResponse", "create", who,
          Traffic.ref("clusterroles", null, name, null),
          Bodies.role(rnd, "ClusterRole", name, null, true));
      case 6 -> g.write("RequestResponse", "create", who, Traffic.ref("configmaps", ns, name, null),
          Bodies.configMap(rnd, name, ns, 2, 24, true));
      case 7 -> anonymous(g, rnd);
      case 8 -> g.exec(who, "kube-system");
      case 9 -> nodePort(g, rnd, who, ns, name);
      default -> g.write("RequestResponse", "create", who,
          Traffic.ref("serviceaccounts", "kube-system", name, null), serviceAccount(rnd, name));
    };
  }

  private static ObjectNode pod(Generator g, SplittableRandom rnd, Who who, String ns,
      PodRisk risk) {
    String name = "debug-" + hex(rnd, 5);
    return g.write("RequestResponse", "create", who, Traffic.ref("pods", ns, name, null),
        Bodies.pod(rnd, name, ns, 1, 2, risk));
  }

  private static ObjectNode anonymous(Generator g, SplittableRandom rnd) {
    Who anon = new Who("system:anonymous", new String[] {"system:unauthenticated"},
        "curl/8.5.0", "198.51.100." + rnd.nextInt(255));
    Ref ref = Traffic.ref("namespaces", null, null, null);
    return g.plain(new Request("Metadata", "ResponseComplete", "list",
        Traffic.uri("list", ref, null), anon, ref, 200));
  }

  private static ObjectNode nodePort(Generator g, SplittableRandom rnd, Who who, String ns,
      String name) {
    ObjectNode svc = Skeleton.NODES.objectNode();
    svc.put("kind", "Service").put("apiVersion", "v1");
    svc.set("metadata", Bodies.meta(rnd, name, ns));
    ObjectNode spec = svc.putObject("spec");
    spec.put("type", "NodePort");
    spec.putArray("ports").addObject().put("port", 80).put("targetPort", 8080)
        .put("nodePort", 30000 + rnd.nextInt(2000)).put("protocol", "TCP");
    spec.putObject("selector").put("app", name);
    return g.write("RequestResponse", "create", who, Traffic.ref("services", ns, name, null), svc);
  }

  private static ObjectNode serviceAccount(SplittableRandom rnd, String name) {
    ObjectNode sa = Skeleton.NODES.objectNode();
    sa.put("kind", "ServiceAccount").put("apiVersion", "v1");
    sa.set("metadata", Bodies.meta(rnd, name, "kube-system"));
    return sa;
  }
}
