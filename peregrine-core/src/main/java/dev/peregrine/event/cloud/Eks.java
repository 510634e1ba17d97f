package dev.peregrine.event.cloud;

import static dev.peregrine.event.cloud.Paths.index;
import static dev.peregrine.event.cloud.Paths.member;
import static dev.peregrine.event.cloud.Paths.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.DecodeError;
import dev.peregrine.event.Format;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon EKS audit logs as CloudWatch Logs hands them out. Every log event's {@code message} is
 * one native Event as JSON text. Shapes read: the subscription payload {@code {messageType,
 * logGroup, logStream, logEvents: [{id, timestamp, message}]}}, the same gzip+base64 encoded under
 * {@code awslogs.data} (a Lambda trigger), {@code aws logs filter-log-events} or {@code
 * get-log-events} output {@code {events: [{logStreamName, timestamp, message}]}}, and single
 * log event objects.
 */
final class Eks {
  /** What CloudWatch Logs appends to a message it cut. */
  static final String TRUNCATED = "[Truncated...]";
  /** Log stream prefix of the kube-apiserver audit log. */
  static final String AUDIT_STREAM = "kube-apiserver-audit";

  private static final Pattern LOG_GROUP = Pattern.compile("^/aws/eks/([^/]+)/cluster$");

  private Eks() {}

  /**
   * Where log events come from.
   *
   * @param cluster cluster name from the log group, or null
   * @param logStream log stream shared by all the events, or null
   */
  record Context(String cluster, String logStream) {
    /** Unwraps one CloudWatch log event found at {@code path}. */
    void logEvent(JsonNode node, String path, EnvelopeSink out) {
      if (!(node instanceof ObjectNode o) || !o.path("message").isTextual()) {
        out.error(path, "CloudWatch log event without a message string");
        return;
      }
      String stream = text(o, "logStreamName");
      if (stream == null) {
        stream = logStream;
      }
      if (stream != null && !stream.startsWith(AUDIT_STREAM)) {
        out.skip(path, "log stream " + stream + " is not the audit log");
        return;
      }
      message(o.get("message").textValue(), cluster, member(path, "message"), out);
    }
  }

  /** Context of {@code filter-log-events} output: the log group is not in it. */
  static Context exported() {
    return new Context(null, null);
  }

  /** Context from a subscription payload's members (any that were read so far). */
  static Context context(ObjectNode head) {
    return new Context(cluster(text(head, "logGroup")), text(head, "logStream"));
  }

  /** The cluster name in a log group {@code /aws/eks/<cluster>/cluster}, or null. */
  static String cluster(String logGroup) {
    if (logGroup == null) {
      return null;
    }
    Matcher m = LOG_GROUP.matcher(logGroup);
    return m.matches() ? m.group(1) : null;
  }

  /** True for the members read before a subscription payload's {@code logEvents}. */
  static boolean isDataMessageHead(ObjectNode head) {
    String type = text(head, "messageType");
    return type == null || type.equals("DATA_MESSAGE");
  }

  /** True when {@code o} has one of the shapes this class reads. */
  static boolean matches(ObjectNode o) {
    return o.path("awslogs").isObject()
        || o.path("messageType").isTextual()
        || o.path("logEvents").isArray()
        || o.path("events").isArray()
        || isLogEvent(o);
  }

  private static boolean isLogEvent(ObjectNode o) {
    return o.path("message").isTextual()
        && (o.has("timestamp") || o.has("logStreamName") || o.has("eventId")
            || o.has("ingestionTime"));
  }

  /** Unwraps an object for which {@link #matches} is true. */
  static void object(ObjectNode o, String path, EnvelopeSink out, long maxBytes) {
    if (o.path("awslogs").isObject()) {
      awslogs(o.get("awslogs"), member(path, "awslogs"), out, maxBytes);
    } else if (o.path("messageType").isTextual() || o.path("logEvents").isArray()) {
      dataMessage(o, path, out);
    } else if (o.path("events").isArray()) {
      each((ArrayNode) o.get("events"), member(path, "events"), exported(), out);
    } else {
      exported().logEvent(o, path, out);
    }
  }

  private static void awslogs(JsonNode awslogs, String path, EnvelopeSink out, long maxBytes) {
    String data = text(awslogs, "data");
    String at = member(path, "data");
    if (data == null) {
      out.error(at, "awslogs without a data string");
      return;
    }
    List<JsonNode> values;
    try {
      values = Payloads.encoded(data, maxBytes);
    } catch (Payloads.BadPayload e) {
      out.error(at, e.getMessage());
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      String p = values.size() == 1 ? at : index(at, i);
      if (values.get(i) instanceof ObjectNode m && (m.has("messageType") || m.has("logEvents"))) {
        dataMessage(m, p, out);
      } else {
        out.error(p, "decoded awslogs data is not a CloudWatch Logs subscription message");
      }
    }
  }

  private static void dataMessage(ObjectNode m, String path, EnvelopeSink out) {
    String type = text(m, "messageType");
    if (type != null && !type.equals("DATA_MESSAGE")) {
      out.skip(path, "CloudWatch Logs " + type);
      return;
    }
    if (!(m.get("logEvents") instanceof ArrayNode events)) {
      out.error(member(path, "logEvents"), "subscription message without a logEvents array");
      return;
    }
    each(events, member(path, "logEvents"), context(m), out);
  }

  private static void each(ArrayNode events, String path, Context ctx, EnvelopeSink out) {
    for (int i = 0; i < events.size(); i++) {
      ctx.logEvent(events.get(i), index(path, i), out);
    }
  }

  /** One log message: an Event as JSON text, perhaps cut by CloudWatch. */
  private static void message(String text, String cluster, String path, EnvelopeSink out) {
    if (text.stripTrailing().endsWith(TRUNCATED)) {
      out.error(path, "message truncated by CloudWatch Logs (ends with " + TRUNCATED
          + "); the event is lost");
      return;
    }
    JsonNode event;
    try {
      event = Payloads.json(text);
    } catch (Payloads.BadPayload e) {
      out.error(path, e.getMessage());
      return;
    }
    if (!Paths.isEvent(event)) {
      out.error(path, DecodeError.NOT_AN_EVENT);
      return;
    }
    Envelopes.label((ObjectNode) event, Format.EKS, cluster);
    out.event((ObjectNode) event, path);
  }
}
