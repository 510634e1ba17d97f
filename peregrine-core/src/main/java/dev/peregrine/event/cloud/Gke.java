package dev.peregrine.event.cloud;

import static dev.peregrine.event.cloud.Paths.member;
import static dev.peregrine.event.cloud.Paths.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.Format;
import dev.peregrine.event.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Google GKE audit logs: a Cloud Logging {@code LogEntry} whose {@code protoPayload} is a {@code
 * google.cloud.audit.AuditLog} with {@code serviceName} {@code k8s.io}. GKE does not keep the
 * apiserver's Event, so one is rebuilt from the entry; the mapping is in {@code
 * docs/managed-clusters.md}. Entries of other services are skipped.
 */
final class Gke {
  static final String AUDIT_LOG_TYPE = "type.googleapis.com/google.cloud.audit.AuditLog";
  static final String K8S_SERVICE = "k8s.io";

  /** Subresources of long-running requests whose entry stands for the stream's start. */
  private static final Set<String> STREAMS = Set.of("exec", "attach", "portforward");

  private Gke() {}

  /** True for an object with a {@code protoPayload}: a LogEntry. */
  static boolean isEntry(ObjectNode o) {
    return o.has("protoPayload");
  }

  /** Unwraps one LogEntry found at {@code path}. */
  static void entry(ObjectNode entry, String path, EnvelopeSink out) {
    if (!(entry.get("protoPayload") instanceof ObjectNode payload)) {
      out.error(member(path, "protoPayload"), "protoPayload is not an object");
      return;
    }
    String type = text(payload, "@type");
    if (type != null && !type.equals(AUDIT_LOG_TYPE)) {
      out.error(member(path, "protoPayload"), "protoPayload is a " + type + ", not an AuditLog");
      return;
    }
    String service = text(payload, "serviceName");
    if (service != null && !service.equals(K8S_SERVICE)) {
      out.skip(path, "service " + service + " is not the Kubernetes API");
      return;
    }
    String method = text(payload, "methodName");
    if (method == null || method.isEmpty()) {
      out.error(member(path, "protoPayload.methodName"), "LogEntry without a methodName");
      return;
    }
    String time = text(entry, "timestamp");
    if (time == null) {
      out.error(member(path, "timestamp"), "LogEntry without a timestamp");
      return;
    }
    out.event(event(entry, payload, method, time), path);
  }

  private static ObjectNode event(ObjectNode entry, ObjectNode payload, String method,
      String time) {
    String verb = method.substring(method.lastIndexOf('.') + 1);
    String resourceName = text(payload, "resourceName");
    ResourceName res = ResourceName.parse(resourceName);
    JsonNode request = payload.get("request");
    JsonNode response = payload.get("response");
    boolean stream = res != null && STREAMS.contains(String.valueOf(res.subresource()));
    String stage = stream ? "ResponseStarted" : "ResponseComplete";
    ObjectNode e = Json.mapper().createObjectNode();
    e.put("kind", "Event");
    e.put("apiVersion", "audit.k8s.io/v1");
    e.put("level", response != null ? "RequestResponse"
        : request != null ? "Request" : "Metadata");
    String id = text(entry, "insertId");
    id = id != null ? id : text(entry.path("operation"), "id");
    if (id != null) {
      e.put("auditID", id);
    }
    e.put("stage", stage);
    e.put("requestURI", uri(res, resourceName, request));
    e.put("verb", verb);
    user(e, payload);
    requestMetadata(e, payload.path("requestMetadata"));
    if (res != null) {
      e.set("objectRef", objectRef(res));
    }
    e.set("responseStatus", status(payload, verb, stream, response));
    putObject(e, "requestObject", request);
    putObject(e, "responseObject", response);
    e.put("requestReceivedTimestamp", time);
    e.put("stageTimestamp", time);
    e.set("annotations", annotations(entry));
    return e;
  }

  private static void user(ObjectNode e, ObjectNode payload) {
    ObjectNode user = e.putObject("user");
    String principal = text(payload.path("authenticationInfo"), "principalEmail");
    if (principal != null) {
      user.put("username", principal);
    }
  }

  private static void requestMetadata(ObjectNode e, JsonNode meta) {
    String ip = text(meta, "callerIp");
    if (ip != null) {
      e.putArray("sourceIPs").add(ip);
    }
    String agent = text(meta, "callerSuppliedUserAgent");
    if (agent != null) {
      e.put("userAgent", agent);
    }
  }

  private static ObjectNode objectRef(ResourceName res) {
    ObjectNode ref = Json.mapper().createObjectNode();
    ref.put("resource", res.resource());
    if (res.namespace() != null) {
      ref.put("namespace", res.namespace());
    }
    if (res.name() != null) {
      ref.put("name", res.name());
    }
    if (!res.group().isEmpty()) {
      ref.put("apiGroup", res.group());
    }
    ref.put("apiVersion", res.version());
    if (res.subresource() != null) {
      ref.put("subresource", res.subresource());
    }
    return ref;
  }

  /**
   * The request path rebuilt from the resource name; for exec and attach the options found in
   * the request object (command, container, stdin, ...) become the query string.
   */
  private static String uri(ResourceName res, String resourceName, JsonNode request) {
    if (res == null) {
      return resourceName == null ? "" : resourceName;
    }
    String path = res.path();
    if (request == null || !request.isObject() || !STREAMS.contains(
        String.valueOf(res.subresource()))) {
      return path;
    }
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    for (JsonNode c : request.path("command")) {
      query.add("command=" + encode(c.asText()));
    }
    for (String key : new String[] {"container", "stdin", "stdout", "stderr", "tty"}) {
      JsonNode v = request.get(key);
      if (v != null && v.isValueNode()) {
        query.add(key + "=" + encode(v.asText()));
      }
    }
    return path + query;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * responseStatus from the AuditLog status (a gRPC code). Success is 101 for a stream's start,
   * the code of a returned Status object, 201 for create and 200 otherwise.
   */
  private static ObjectNode status(ObjectNode payload, String verb, boolean stream,
      JsonNode response) {
    JsonNode st = payload.path("status");
    int grpc = st.path("code").asInt(0);
    ObjectNode s = Json.mapper().createObjectNode();
    s.putObject("metadata");
    if (grpc != 0) {
      s.put("status", "Failure");
      String message = text(st, "message");
      if (message != null) {
        s.put("message", message);
      }
      s.put("code", GrpcStatus.http(grpc));
      return s;
    }
    JsonNode returned = response == null ? null : response.get("code");
    int code = stream ? 101
        : "Status".equals(text(response, "kind")) && returned != null && returned.canConvertToInt()
            ? returned.intValue()
            : verb.equals("create") ? 201 : 200;
    s.put("code", code);
    return s;
  }

  /** Sets {@code name} to a copy of {@code object} without its {@code @type} key. */
  private static void putObject(ObjectNode e, String name, JsonNode object) {
    if (object == null || object.isNull()) {
      return;
    }
    if (object instanceof ObjectNode o) {
      ObjectNode copy = o.deepCopy();
      copy.remove("@type");
      e.set(name, copy);
    } else {
      e.set(name, object);
    }
  }

  /** LogEntry labels, then the monitored resource's labels, then the source label. */
  private static ObjectNode annotations(ObjectNode entry) {
    ObjectNode a = Json.mapper().createObjectNode();
    for (JsonNode labels : new JsonNode[] {entry.path("labels"), entry.path("resource")
        .path("labels")}) {
      for (Map.Entry<String, JsonNode> l : labels.properties()) {
        if (!a.has(l.getKey()) && l.getValue().isValueNode()) {
          a.put(l.getKey(), l.getValue().asText());
        }
      }
    }
    if (!a.has(Envelopes.SOURCE_ANNOTATION)) {
      a.put(Envelopes.SOURCE_ANNOTATION, Format.GKE.label());
    }
    return a;
  }
}
