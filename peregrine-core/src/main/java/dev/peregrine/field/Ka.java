package dev.peregrine.field;

import static dev.peregrine.field.Defs.arrayPath;
import static dev.peregrine.field.Defs.keyed;
import static dev.peregrine.field.Defs.list;
import static dev.peregrine.field.Defs.path;
import static dev.peregrine.field.Defs.text;
import static dev.peregrine.field.Defs.walked;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The {@code ka.*} fields read from the event and its request object (except containers). */
final class Ka {
  private static final String ANN = "annotations";
  private static final String REQ = "requestObject";
  private static final Walk RESP_NAME = Walk.of("responseObject", "metadata", "name");

  private Ka() {}

  /** Every field of this group, in catalogue order. */
  static List<FieldDef> all() {
    List<FieldDef> out = new ArrayList<>(event());
    out.addAll(request());
    out.addAll(pod());
    return out;
  }

  /** Text of each element of an array node ({@code index} -1: all), or null if not an array. */
  static List<String> arrayTexts(JsonNode node, int index) {
    if (node == null || !node.isArray()) {
      return null;
    }
    if (index >= 0) {
      return index < node.size() ? List.of(JsonText.asText(node.get(index))) : null;
    }
    List<String> out = new ArrayList<>(node.size());
    node.forEach(v -> out.add(JsonText.asText(v)));
    return out;
  }

  private static List<FieldDef> event() {
    Walk sourceIps = Walk.of("sourceIPs");
    return List.of(
        path("ka.auditid", "The audit event's unique id", "auditID"),
        path("ka.stage", "The audit stage of the event (e.g. ResponseComplete)", "stage"),
        path("ka.auth.decision", "Authorization decision (allow or forbid)",
            ANN, "authorization.k8s.io/decision"),
        path("ka.auth.reason", "Why the request was authorized or not",
            ANN, "authorization.k8s.io/reason"),
        path("ka.auth.openshift.decision", "OpenShift authentication decision annotation",
            ANN, "authentication.openshift.io/decision"),
        path("ka.auth.openshift.username", "User name from the OpenShift authentication annotation",
            ANN, "authentication.openshift.io/username"),
        path("ka.validations.admission.policy.failure",
            "Failures reported by a validating admission policy",
            ANN, "validation.policy.admission.k8s.io/validation_failure"),
        path("ka.security.pod.violations", "Pod Security admission audit violations",
            ANN, "pod-security.kubernetes.io/audit-violations"),
        path("ka.cluster.name", "Cluster name taken from the cluster_name annotation",
            ANN, "cluster_name"),
        path("ka.user.name", "Name of the user who made the request", "user", "username"),
        arrayPath("ka.user.groups", "Groups of the user who made the request", "user", "groups"),
        path("ka.impuser.name", "Name of the impersonated user, if any",
            "impersonatedUser", "username"),
        path("ka.verb", "The request's verb (get, create, delete, ...)", "verb"),
        path("ka.uri", "The request URI as sent to the API server", "requestURI"),
        keyed("ka.uri.param", "First value of a query parameter of the request URI (key argument)",
            List.of(List.of("requestURI")), key -> json -> GoUrl.firstQueryValue(JsonText.asText(json.get("requestURI")), key)),
        path("ka.target.name", "Name of the object the request acts on", "objectRef", "name"),
        path("ka.target.namespace", "Namespace of the object the request acts on",
            "objectRef", "namespace"),
        path("ka.target.resource", "Resource type the request acts on", "objectRef", "resource"),
        path("ka.target.subresource", "Subresource the request acts on",
            "objectRef", "subresource"),
        text("ka.target.pod.name", "Name of the pod in the response, for requests on pods only",
            List.of(List.of("objectRef", "resource"), List.of("objectRef", "subresource"),
                List.of("responseObject", "metadata", "name")), Ka::targetPodName),
        path("ka.resp.name", "Object name in the response", "responseObject", "metadata", "name"),
        path("ka.response.code", "HTTP status code of the response", "responseStatus", "code"),
        path("ka.response.reason", "Reason given in the response status",
            "responseStatus", "reason"),
        path("ka.useragent", "User agent of the client", "userAgent"),
        Defs.indexed("ka.sourceips", "Client IP addresses of the request (optional index)",
            List.of("sourceIPs"), i -> json -> arrayTexts(sourceIps.get(json), i)));
  }

  private static String targetPodName(JsonNode json) {
    JsonNode ref = json.get("objectRef");
    if (ref == null || !"pods".equals(JsonText.asText(ref.get("resource")))) {
      return null;
    }
    String sub = JsonText.asText(ref.get("subresource"));
    if (sub != null && !sub.isEmpty()) {
      return null;
    }
    return JsonText.asText(RESP_NAME.get(json));
  }

  private static List<FieldDef> request() {
    Walk subjects = Walk.of(REQ, "subjects");
    return List.of(
        arrayPath("ka.req.binding.subjects", "Subjects of a role binding, each as JSON",
            REQ, "subjects"),
        list("ka.req.binding.subjects.user_names", "Names of the User subjects of a binding",
            List.of(REQ, "subjects"),
            json -> subjectNames(subjects.get(json), "User", false)),
        list("ka.req.binding.subjects.serviceaccount_names",
            "Names of the ServiceAccount subjects of a binding", List.of(REQ, "subjects"),
            json -> subjectNames(subjects.get(json), "ServiceAccount", false)),
        list("ka.req.binding.subjects.serviceaccount_ns_names",
            "namespace:name of the ServiceAccount subjects of a binding",
            List.of(REQ, "subjects"),
            json -> subjectNames(subjects.get(json), "ServiceAccount", true)),
        list("ka.req.binding.subjects.group_names", "Names of the Group subjects of a binding",
            List.of(REQ, "subjects"),
            json -> subjectNames(subjects.get(json), "Group", false)),
        path("ka.req.binding.role", "Name of the role a binding refers to",
            REQ, "roleRef", "name"),
        keyed("ka.req.binding.subject.has_name",
            "Deprecated; always \"true\" whatever the key argument", List.of(),
            key -> json -> "true"),
        path("ka.req.configmap.name", "Name of the configmap (from objectRef)",
            "objectRef", "name"),
        path("ka.req.configmap.obj", "The configmap's data map as JSON", REQ, "data"),
        arrayPath("ka.req.role.rules", "Rules of a role, each as JSON", REQ, "rules"),
        rulesField("ka.req.role.rules.apiGroups", "API groups named by a role's rules",
            "apiGroups"),
        rulesField("ka.req.role.rules.nonResourceURLs", "Non-resource URLs named by a role's rules",
            "nonResourceURLs"),
        rulesField("ka.req.role.rules.verbs", "Verbs allowed by a role's rules", "verbs"),
        rulesField("ka.req.role.rules.resources", "Resources named by a role's rules",
            "resources"),
        path("ka.req.service.type", "Type of the service (ClusterIP, NodePort, ...)",
            REQ, "spec", "type"),
        walked("ka.req.service.ports", "The service's ports array as one JSON value",
            REQ, "spec", "ports"));
  }

  /** Flattened string arrays found under {@code key} in each rule of a role. */
  private static FieldDef rulesField(String name, String desc, String key) {
    Walk w = Walk.of(REQ, "rules", key);
    return Defs.indexed(name, desc + " (optional rule index)", List.of(REQ, "rules", key),
        i -> json -> {
      List<JsonNode> values = w.walk(json, i);
      if (values == null) {
        return null;
      }
      List<String> out = new ArrayList<>();
      for (JsonNode v : values) {
        if (v != null && v.isArray()) {
          v.forEach(e -> out.add(JsonText.asText(e)));
        }
      }
      return out;
    });
  }

  private static List<String> subjectNames(JsonNode subjects, String kind, boolean withNs) {
    if (subjects == null || !subjects.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode s : subjects) {
      if (!s.isObject() || !kind.equals(JsonText.asText(s.get("kind")))) {
        continue;
      }
      JsonNode name = s.get("name");
      JsonNode ns = s.get("namespace");
      if (name == null || (withNs && ns == null)) {
        continue;
      }
      out.add(withNs ? JsonText.asText(ns) + ":" + JsonText.asText(name) : JsonText.asText(name));
    }
    return out;
  }

  private static List<FieldDef> pod() {
    Walk hostPaths = Walk.of(REQ, "spec", "volumes", "hostPath", "path");
    Walk volumes = Walk.of(REQ, "spec", "volumes", "");
    return List.of(
        path("ka.req.pod.host_ipc", "Whether the pod shares the host IPC namespace",
            REQ, "spec", "hostIPC"),
        path("ka.req.pod.host_network", "Whether the pod uses the host network",
            REQ, "spec", "hostNetwork"),
        path("ka.req.container.host_network", "Deprecated alias of ka.req.pod.host_network",
            REQ, "spec", "hostNetwork"),
        path("ka.req.pod.host_pid", "Whether the pod shares the host PID namespace",
            REQ, "spec", "hostPID"),
        path("ka.req.pod.run_as_user", "Pod-level runAsUser of the security context",
            REQ, "spec", "securityContext", "runAsUser"),
        path("ka.req.pod.run_as_group", "Pod-level runAsGroup of the security context",
            REQ, "spec", "securityContext", "runAsGroup"),
        path("ka.req.pod.fs_group", "Pod-level fsGroup of the security context",
            REQ, "spec", "securityContext", "fsGroup"),
        arrayPath("ka.req.pod.supplemental_groups", "Pod-level supplemental group ids",
            REQ, "spec", "securityContext", "supplementalGroups"),
        walked("ka.req.pod.volumes.hostpath", "Host paths mounted by the pod's hostPath volumes",
            REQ, "spec", "volumes", "hostPath", "path"),
        keyed("ka.req.volume.hostpath",
            "Deprecated; \"true\" if a hostPath volume equals the key (or starts with it when the"
                + " key ends in *), else \"false\"",
            List.of(List.of(REQ, "spec", "volumes", "hostPath", "path")),
            key -> hostPathMatch(hostPaths, key)),
        walked("ka.req.pod.volumes.flexvolume_driver", "Drivers of the pod's flexVolume volumes",
            REQ, "spec", "volumes", "flexVolume", "driver"),
        Defs.indexed("ka.req.pod.volumes.volume_type",
            "Volume source kinds of the pod's volumes (every key but name)",
            List.of(REQ, "spec", "volumes"), i -> json -> volumeTypes(volumes.walk(json, i))));
  }

  private static Function<ObjectNode, String> hostPathMatch(Walk hostPaths, String key) {
    boolean prefix = key.endsWith("*");
    String stem = prefix ? key.substring(0, key.length() - 1) : key;
    return json -> {
      List<String> paths = Walk.textsSkipNull(hostPaths.walk(json, -1));
      if (paths == null) {
        return null;
      }
      for (String p : paths) {
        if (prefix && p.startsWith(stem) || key.equals(p)) {
          return "true";
        }
      }
      return "false";
    };
  }

  private static List<String> volumeTypes(List<JsonNode> volumes) {
    if (volumes == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode v : volumes) {
      if (v != null && v.isObject()) {
        v.properties().forEach(e -> {
          if (!e.getKey().equals("name")) {
            out.add(e.getKey());
          }
        });
      }
    }
    return out;
  }
}
