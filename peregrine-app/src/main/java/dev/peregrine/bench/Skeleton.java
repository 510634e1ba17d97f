package dev.peregrine.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Writes the fixed part of an audit event in the apiserver's key order: level, auditID, stage,
 * requestURI, verb, user, sourceIPs, userAgent, objectRef, responseStatus, bodies, timestamps,
 * annotations.
 */
final class Skeleton {
  static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final DateTimeFormatter MICRO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Skeleton() {}

  /** What varies between events of one shape. */
  record Request(String level, String stage, String verb, String uri, Who who, Ref ref,
      int code) {}

  /** The authenticated user and the client. */
  record Who(String user, String[] groups, String agent, String ip) {}

  /** objectRef; null members are left out. */
  record Ref(String resource, String namespace, String name, String group, String version,
      String subresource) {}

  /** The event up to (not including) the bodies; call {@link #finish} after adding them. */
  static ObjectNode start(Request r, SplittableRandom rnd, boolean withKind) {
    ObjectNode e = NODES.objectNode();
    if (withKind) {
      e.put("kind", "Event");
      e.put("apiVersion", "audit.k8s.io/v1");
    }
    e.put("level", r.level());
    e.put("auditID", uuid(rnd));
    e.put("stage", r.stage());
    e.put("requestURI", r.uri());
    e.put("verb", r.verb());
    ObjectNode user = e.putObject("user");
    if (r.who().user() != null) {
      user.put("username", r.who().user());
      user.put("uid", uuid(rnd));
      ArrayNode g = user.putArray("groups");
      for (String s : r.who().groups()) {
        g.add(s);
      }
      extra(user, r.who().user(), rnd);
    }
    e.putArray("sourceIPs").add(r.who().ip());
    e.put("userAgent", r.who().agent());
    if (r.ref() != null) {
      e.set("objectRef", ref(r.ref()));
    }
    if (!r.stage().equals("RequestReceived")) {
      ObjectNode st = e.putObject("responseStatus");
      st.putObject("metadata");
      st.put("code", r.code());
      if (r.code() >= 400) {
        st.put("status", "Failure");
        st.put("reason", r.code() == 401 ? "Unauthorized" : r.code() == 403 ? "Forbidden"
            : "NotFound");
      }
    }
    return e;
  }

  /** Bound service-account tokens and OIDC logins carry {@code user.extra}. */
  private static void extra(ObjectNode user, String name, SplittableRandom rnd) {
    if (name.startsWith("system:serviceaccount:")) {
      ObjectNode x = user.putObject("extra");
      x.putArray("authentication.kubernetes.io/credential-id").add("JTI=" + uuid(rnd));
      x.putArray("authentication.kubernetes.io/node-name").add("worker-" + rnd.nextInt(40));
      x.putArray("authentication.kubernetes.io/node-uid").add(uuid(rnd));
      x.putArray("authentication.kubernetes.io/pod-name").add(name.substring(name.lastIndexOf(':')
          + 1) + "-" + hex(rnd, 10) + "-" + hex(rnd, 5));
      x.putArray("authentication.kubernetes.io/pod-uid").add(uuid(rnd));
    } else if (name.contains("@")) {
      user.putObject("extra").putArray("authentication.kubernetes.io/credential-id")
          .add("X509SHA256=" + hex(rnd, 64));
    }
  }

  /** Adds timestamps and audit annotations. */
  static void finish(ObjectNode e, long nanos, Request r, String reason) {
    String ts = time(nanos);
    e.put("requestReceivedTimestamp", ts);
    e.put("stageTimestamp", r.stage().equals("RequestReceived") ? ts : time(nanos + 1_800_000));
    if (reason != null && r.code() != 401) {
      ObjectNode a = e.putObject("annotations");
      a.put("authorization.k8s.io/decision", r.code() == 403 ? "forbid" : "allow");
      a.put("authorization.k8s.io/reason", reason);
    }
  }

  private static ObjectNode ref(Ref r) {
    ObjectNode o = NODES.objectNode();
    o.put("resource", r.resource());
    if (r.namespace() != null) {
      o.put("namespace", r.namespace());
    }
    if (r.name() != null) {
      o.put("name", r.name());
    }
    if (r.group() != null) {
      o.put("apiGroup", r.group());
    }
    o.put("apiVersion", r.version());
    if (r.subresource() != null) {
      o.put("subresource", r.subresource());
    }
    return o;
  }

  static String time(long nanos) {
    return MICRO.format(Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L));
  }

  static String uuid(SplittableRandom rnd) {
    return hex(rnd, 8) + "-" + hex(rnd, 4) + "-4" + hex(rnd, 3) + "-a" + hex(rnd, 3) + "-"
        + hex(rnd, 12);
  }

  static String hex(SplittableRandom rnd, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit(rnd.nextInt(16), 16));
    }
    return sb.toString();
  }

  static <T> T pick(SplittableRandom rnd, T[] items) {
    return items[rnd.nextInt(items.length)];
  }
}
