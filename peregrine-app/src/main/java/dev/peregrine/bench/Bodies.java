package dev.peregrine.bench;

import static dev.peregrine.bench.Skeleton.NODES;
import static dev.peregrine.bench.Skeleton.hex;
import static dev.peregrine.bench.Skeleton.pick;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;

/** Request and response objects: pods, deployments, configmaps, RBAC objects, status patches. */
final class Bodies {
  static final String[] IMAGES = {"registry.k8s.io/pause:3.10", "docker.io/library/nginx:1.27.3",
      "quay.io/prometheus/node-exporter:v1.8.2", "ghcr.io/acme/payments-api:2.14.1",
      "docker.io/bitnami/redis:7.4.1", "gcr.io/acme-prod/checkout:4f3c2a1",
      "registry.k8s.io/ingress-nginx/controller:v1.11.3", "docker.io/grafana/grafana:11.3.0"};
  private static final String[] MOUNTS = {"/var/run/secrets/kubernetes.io/serviceaccount",
      "/etc/config", "/data", "/var/log/app", "/tmp", "/cache"};

  private Bodies() {}

  /** How hostile a generated pod is. */
  enum PodRisk { NONE, PRIVILEGED, HOST_NETWORK, HOST_PID, SENSITIVE_MOUNT }

  /** A pod with {@code containers} containers; {@code env} variables each (size knob). */
  static ObjectNode pod(SplittableRandom rnd, String name, String ns, int containers, int env,
      PodRisk risk) {
    ObjectNode pod = NODES.objectNode();
    pod.put("kind", "Pod");
    pod.put("apiVersion", "v1");
    pod.set("metadata", meta(rnd, name, ns));
    pod.set("spec", podSpec(rnd, containers, env, risk));
    return pod;
  }

  static ObjectNode podSpec(SplittableRandom rnd, int containers, int env, PodRisk risk) {
    ObjectNode spec = NODES.objectNode();
    ArrayNode vols = spec.putArray("volumes");
    vols.addObject().put("name", "kube-api-access-" + hex(rnd, 5)).putObject("projected")
        .put("defaultMode", 420).putArray("sources").addObject().putObject("serviceAccountToken")
        .put("expirationSeconds", 3607).put("path", "token");
    vols.addObject().put("name", "config").putObject("configMap").put("name", "app-config")
        .put("defaultMode", 420);
    if (risk == PodRisk.SENSITIVE_MOUNT) {
      vols.addObject().put("name", "docker-sock").putObject("hostPath")
          .put("path", "/var/run/docker.sock").put("type", "Socket");
    }
    ArrayNode cs = spec.putArray("containers");
    for (int i = 0; i < containers; i++) {
      cs.add(container(rnd, i, env, risk == PodRisk.PRIVILEGED && i == 0));
    }
    spec.put("restartPolicy", "Always");
    spec.put("terminationGracePeriodSeconds", 30);
    spec.put("dnsPolicy", "ClusterFirst");
    spec.put("serviceAccountName", "default");
    if (risk == PodRisk.HOST_NETWORK) {
      spec.put("hostNetwork", true);
    }
    if (risk == PodRisk.HOST_PID) {
      spec.put("hostPID", true);
    }
    spec.putObject("securityContext").put("runAsNonRoot", true).put("runAsUser", 1000)
        .put("fsGroup", 2000).putObject("seccompProfile").put("type", "RuntimeDefault");
    spec.put("schedulerName", "default-scheduler");
    ArrayNode tol = spec.putArray("tolerations");
    tol.addObject().put("key", "node.kubernetes.io/not-ready").put("operator", "Exists")
        .put("effect", "NoExecute").put("tolerationSeconds", 300);
    spec.put("priority", 0);
    spec.put("enableServiceLinks", true);
    return spec;
  }

  private static ObjectNode container(SplittableRandom rnd, int i, int env, boolean privileged) {
    ObjectNode c = NODES.objectNode();
    c.put("name", i == 0 ? "app" : "sidecar-" + i);
    c.put("image", pick(rnd, IMAGES));
    c.putArray("args").add("--port=8080").add("--log-level=info").add("--metrics");
    c.putArray("ports").addObject().put("name", "http").put("containerPort", 8080 + i)
        .put("protocol", "TCP");
    ArrayNode e = c.putArray("env");
    for (int k = 0; k < env; k++) {
      e.addObject().put("name", "APP_SETTING_" + k).put("value", hex(rnd, 8 + rnd.nextInt(40)));
    }
    ObjectNode res = c.putObject("resources");
    res.putObject("limits").put("cpu", "500m").put("memory", "512Mi");
    res.putObject("requests").put("cpu", "100m").put("memory", "128Mi");
    ArrayNode vm = c.putArray("volumeMounts");
    vm.addObject().put("name", "config").put("mountPath", pick(rnd, MOUNTS)).put("readOnly", true);
    ObjectNode probe = c.putObject("readinessProbe");
    probe.putObject("httpGet").put("path", "/healthz").put("port", 8080).put("scheme", "HTTP");
    probe.put("periodSeconds", 10).put("failureThreshold", 3);
    c.put("terminationMessagePath", "/dev/termination-log");
    c.put("imagePullPolicy", "IfNotPresent");
    ObjectNode sc = c.putObject("securityContext");
    sc.put("allowPrivilegeEscalation", privileged);
    if (privileged) {
      sc.put("privileged", true);
    } else {
      sc.put("readOnlyRootFilesystem", true);
      sc.putObject("capabilities").putArray("drop").add("ALL");
    }
    return c;
  }

  /** A deployment whose template is a pod spec. */
  static ObjectNode deployment(SplittableRandom rnd, String name, String ns, int containers,
      int env) {
    ObjectNode d = NODES.objectNode();
    d.put("kind", "Deployment");
    d.put("apiVersion", "apps/v1");
    d.set("metadata", meta(rnd, name, ns));
    ObjectNode spec = d.putObject("spec");
    spec.put("replicas", 1 + rnd.nextInt(5));
    spec.putObject("selector").putObject("matchLabels").put("app", name);
    ObjectNode tpl = spec.putObject("template");
    tpl.putObject("metadata").putObject("labels").put("app", name);
    tpl.set("spec", podSpec(rnd, containers, env, PodRisk.NONE));
    spec.putObject("strategy").put("type", "RollingUpdate");
    return d;
  }

  /** Object metadata with labels, annotations and (for responses) managed fields. */
  static ObjectNode meta(SplittableRandom rnd, String name, String ns) {
    ObjectNode m = NODES.objectNode();
    m.put("name", name);
    if (ns != null) {
      m.put("namespace", ns);
    }
    m.put("uid", Skeleton.uuid(rnd));
    m.put("resourceVersion", Integer.toString(1_000_000 + rnd.nextInt(9_000_000)));
    m.put("creationTimestamp", "2026-11-26T10:00:00Z");
    m.putObject("labels").put("app", name).put("app.kubernetes.io/part-of", "shop")
        .put("pod-template-hash", hex(rnd, 10));
    ArrayNode mf = m.putArray("managedFields");
    ObjectNode f = mf.addObject();
    f.put("manager", "kubectl-client-side-apply").put("operation", "Update")
        .put("apiVersion", "v1").put("time", "2026-11-26T10:00:00Z").put("fieldsType", "FieldsV1");
    f.putObject("fieldsV1").putObject("f:metadata").putObject("f:labels")
        .putObject("f:app");
    return m;
  }

  /** A configmap with {@code keys} entries of about {@code valueBytes} each. */
  static ObjectNode configMap(SplittableRandom rnd, String name, String ns, int keys,
      int valueBytes, boolean credential) {
    ObjectNode cm = NODES.objectNode();
    cm.put("kind", "ConfigMap");
    cm.put("apiVersion", "v1");
    cm.set("metadata", meta(rnd, name, ns));
    ObjectNode data = cm.putObject("data");
    for (int k = 0; k < keys; k++) {
      data.put("setting-" + k + ".conf", "value=" + hex(rnd, valueBytes));
    }
    if (credential) {
      data.put("aws_access_key_id", "AKIA" + hex(rnd, 16).toUpperCase(java.util.Locale.ROOT));
    }
    return cm;
  }

  /** A ClusterRole or Role; {@code wildcard} grants {@code *}. */
  static ObjectNode role(SplittableRandom rnd, String kind, String name, String ns,
      boolean wildcard) {
    ObjectNode r = NODES.objectNode();
    r.put("kind", kind);
    r.put("apiVersion", "rbac.authorization.k8s.io/v1");
    r.set("metadata", meta(rnd, name, ns));
    ArrayNode rules = r.putArray("rules");
    ObjectNode rule = rules.addObject();
    rule.putArray("apiGroups").add("").add("apps");
    ArrayNode res = rule.putArray("resources");
    ArrayNode verbs = rule.putArray("verbs");
    if (wildcard) {
      res.add("*");
      verbs.add("*");
    } else {
      res.add("pods").add("deployments").add("services");
      verbs.add("get").add("list").add("watch");
    }
    return r;
  }

  /** A (Cluster)RoleBinding of {@code role} to a user and a service account. */
  static ObjectNode binding(SplittableRandom rnd, String kind, String name, String ns,
      String role) {
    ObjectNode b = NODES.objectNode();
    b.put("kind", kind);
    b.put("apiVersion", "rbac.authorization.k8s.io/v1");
    b.set("metadata", meta(rnd, name, ns));
    ArrayNode s = b.putArray("subjects");
    s.addObject().put("kind", "User").put("apiGroup", "rbac.authorization.k8s.io")
        .put("name", "dev-" + hex(rnd, 4) + "@example.com");
    s.addObject().put("kind", "ServiceAccount").put("name", "builder")
        .put("namespace", ns == null ? "ci" : ns);
    b.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io")
        .put("kind", kind.startsWith("Cluster") ? "ClusterRole" : "Role").put("name", role);
    return b;
  }

  /** A status update body: conditions and replica counts. */
  static ObjectNode status(SplittableRandom rnd, String kind, String name, String ns) {
    ObjectNode o = NODES.objectNode();
    o.put("kind", kind);
    o.put("apiVersion", kind.equals("Pod") || kind.equals("Node") ? "v1" : "apps/v1");
    o.set("metadata", meta(rnd, name, ns));
    ObjectNode st = o.putObject("status");
    st.put("observedGeneration", 1 + rnd.nextInt(40));
    st.put("replicas", 3).put("readyReplicas", 3).put("availableReplicas", 3);
    ArrayNode conds = st.putArray("conditions");
    for (String type : new String[] {"Available", "Progressing"}) {
      conds.addObject().put("type", type).put("status", "True")
          .put("lastUpdateTime", "2026-11-26T10:00:00Z")
          .put("lastTransitionTime", "2026-11-26T09:00:00Z").put("reason", "MinimumReplicasAvailable")
          .put("message", kind + " " + name + " has minimum availability.");
    }
    return o;
  }
}
