package dev.peregrine.event.cloud;

import static dev.peregrine.event.cloud.Paths.index;
import static dev.peregrine.event.cloud.Paths.member;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.DecodeError;
import dev.peregrine.event.Format;
import java.util.List;
import java.util.Objects;

/**
 * Recognises the envelopes managed Kubernetes services wrap audit events in and unwraps them into
 * audit.k8s.io/v1 Events. Used by {@link dev.peregrine.event.EventDecoder} for every top-level
 * JSON object that is not itself an Event or EventList; see {@code docs/managed-clusters.md} for
 * the shapes and the field mapping.
 *
 * <p>Unwrapped events carry the annotation {@value #SOURCE_ANNOTATION} ({@code eks}, {@code gke}
 * or {@code aks}) and, when the envelope names the cluster, {@value #CLUSTER_ANNOTATION} (read by
 * {@code ka.cluster.name}); annotations the event already has are kept.
 *
 * <p>An instance is immutable and thread-safe.
 */
public final class Envelopes {
  /** Audit annotation naming the managed service an event was unwrapped from. */
  public static final String SOURCE_ANNOTATION = "peregrine.dev/source";
  /** Audit annotation holding the cluster name, as Falco's cloud plugins set it. */
  public static final String CLUSTER_ANNOTATION = "cluster_name";

  private static final int MAX_NESTING = 4;

  private final Format format;
  private final long maxBytes;

  /**
   * Envelopes recognised under {@code format}.
   *
   * @param maxBytes largest decoded (base64, gzip) payload accepted
   */
  public Envelopes(Format format, long maxBytes) {
    this.format = Objects.requireNonNull(format);
    this.maxBytes = maxBytes;
  }

  /** A member array of an envelope whose elements can be unwrapped one at a time. */
  @FunctionalInterface
  public interface Container {
    /** Unwraps one element of the array, found at {@code path}. */
    void element(JsonNode element, String path, EnvelopeSink out);
  }

  /**
   * Unwraps {@code node} when it is an envelope this format accepts.
   *
   * @param path where {@code node} was found ({@code ""} at top level)
   * @return false when {@code node} is not an envelope; nothing was reported then
   */
  public boolean unwrap(ObjectNode node, String path, EnvelopeSink out) {
    return object(node, path, out, 0);
  }

  /**
   * The container for the array member {@code name} of an envelope whose members before it are
   * {@code head}, so that a large envelope can be streamed element by element; null when that
   * member is not a streamable envelope array. Members after the array are not consulted.
   */
  public Container container(ObjectNode head, String name) {
    if (head.has("kind")) {
      return null;
    }
    return switch (name) {
      case "records" -> acceptsRecords() ? (e, p, out) -> record(e, p, out, 0) : null;
      case "events" -> format.accepts(Format.EKS) ? Eks.exported()::logEvent : null;
      case "logEvents" -> format.accepts(Format.EKS) && Eks.isDataMessageHead(head)
          ? Eks.context(head)::logEvent : null;
      default -> null;
    };
  }

  /** The reason given for an object that is neither an event nor an accepted envelope. */
  public String notRecognized() {
    return format == Format.AUTO || format == Format.K8S
        ? DecodeError.NOT_AN_EVENT
        : DecodeError.NOT_AN_EVENT + " or " + format.envelope();
  }

  private boolean acceptsRecords() {
    return format.accepts(Format.AKS) || format.accepts(Format.EKS);
  }

  private boolean object(ObjectNode o, String path, EnvelopeSink out, int depth) {
    if (format == Format.K8S || o.has("kind")) {
      return false; // no envelope has a kind; {"kind": ...} stays "not an event"
    }
    if (depth > MAX_NESTING) {
      out.error(path, "envelopes nested more than " + MAX_NESTING + " deep");
      return true;
    }
    if (acceptsRecords() && o.path("records").isArray()) {
      ArrayNode records = (ArrayNode) o.get("records");
      for (int i = 0; i < records.size(); i++) {
        record(records.get(i), index(member(path, "records"), i), out, depth);
      }
      return true;
    }
    if (format.accepts(Format.GKE) && Gke.isEntry(o)) {
      Gke.entry(o, path, out);
      return true;
    }
    if (format.accepts(Format.GKE) && o.path("message").path("data").isTextual()) {
      encoded(o.get("message").get("data").textValue(), member(path, "message.data"), out,
          depth);
      return true;
    }
    if (format.accepts(Format.EKS) && Eks.matches(o)) {
      Eks.object(o, path, out, maxBytes);
      return true;
    }
    if (format.accepts(Format.AKS) && Aks.isRecord(o)) {
      Aks.record(o, path, out);
      return true;
    }
    return false;
  }

  /** One element of a {@code records} array: an AKS record or a Firehose record. */
  private void record(JsonNode node, String path, EnvelopeSink out, int depth) {
    if (node instanceof ObjectNode o) {
      if (format.accepts(Format.AKS) && Aks.isRecord(o)) {
        Aks.record(o, path, out);
        return;
      }
      if (format.accepts(Format.EKS) && o.path("data").isTextual()) {
        encoded(o.get("data").textValue(), member(path, "data"), out, depth);
        return;
      }
    }
    boolean aks = format.accepts(Format.AKS);
    boolean eks = format.accepts(Format.EKS);
    out.error(path, "record is not " + (aks ? "an AKS diagnostic record" : "")
        + (aks && eks ? " or " : "") + (eks ? "a Firehose record with data" : ""));
  }

  /** A base64 (optionally gzip) payload: Pub/Sub message data, Firehose record data. */
  private void encoded(String text, String path, EnvelopeSink out, int depth) {
    List<JsonNode> values;
    try {
      values = Payloads.encoded(text, maxBytes);
    } catch (Payloads.BadPayload e) {
      out.error(path, e.getMessage());
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      value(values.get(i), values.size() == 1 ? path : index(path, i), out, depth + 1);
    }
  }

  /** Any JSON value found inside an envelope: an Event, an EventList, an array or an envelope. */
  private void value(JsonNode node, String path, EnvelopeSink out, int depth) {
    switch (node) {
      case ObjectNode o when Paths.isEvent(o) -> out.event(o, path);
      case ObjectNode o when Paths.isEventList(o) -> {
        ArrayNode items = (ArrayNode) o.get("items");
        for (int i = 0; i < items.size(); i++) {
          String at = index(member(path, "items"), i);
          if (items.get(i) instanceof ObjectNode item) {
            out.event(item, at);
          } else {
            out.error(at, DecodeError.NOT_AN_EVENT);
          }
        }
      }
      case ArrayNode a -> {
        for (int i = 0; i < a.size(); i++) {
          value(a.get(i), index(path, i), out, depth);
        }
      }
      default -> {
        if (!(node instanceof ObjectNode o && object(o, path, out, depth))) {
          out.error(path, notRecognized());
        }
      }
    }
  }

  /**
   * Adds the source annotation and, when {@code cluster} is set, the cluster name to {@code
   * event}'s annotations, keeping values already there.
   */
  static void label(ObjectNode event, Format source, String cluster) {
    JsonNode existing = event.get("annotations");
    ObjectNode annotations;
    if (existing instanceof ObjectNode a) {
      annotations = a;
    } else if (existing == null || existing.isNull()) {
      annotations = event.putObject("annotations");
    } else {
      return;
    }
    if (cluster != null && !cluster.isEmpty() && !annotations.has(CLUSTER_ANNOTATION)) {
      annotations.put(CLUSTER_ANNOTATION, cluster);
    }
    if (!annotations.has(SOURCE_ANNOTATION)) {
      annotations.put(SOURCE_ANNOTATION, source.label());
    }
  }
}
