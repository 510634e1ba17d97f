package dev.peregrine.event.cloud;

import static dev.peregrine.event.cloud.Paths.member;
import static dev.peregrine.event.cloud.Paths.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.DecodeError;
import dev.peregrine.event.Format;
import java.util.Locale;
import java.util.Set;

/**
 * Azure AKS audit logs from a diagnostic setting, as Event Hubs and Storage accounts receive them:
 * resource-log records {@code {time, resourceId, category, operationName, properties: {log, pod,
 * stream}}}, batched as {@code {"records": [...]}} in an Event Hubs message and one per line in a
 * Storage blob. The {@code log} property is one native Event, as JSON text or as an object.
 * Records of other categories (kube-apiserver, guard, cluster-autoscaler, ...) are skipped.
 */
final class Aks {
  /** Categories whose records are audit events. */
  static final Set<String> AUDIT_CATEGORIES = Set.of("kube-audit", "kube-audit-admin");

  private static final String CLUSTERS = "/managedclusters/";

  private Aks() {}

  /** True for an object shaped like an Azure resource-log record. */
  static boolean isRecord(ObjectNode o) {
    return o.path("category").isTextual()
        && (o.path("properties").isObject() || o.has("resourceId"));
  }

  /** Unwraps one record found at {@code path}. */
  static void record(ObjectNode o, String path, EnvelopeSink out) {
    String category = text(o, "category");
    if (category == null) {
      out.error(path, "AKS record without a category");
      return;
    }
    if (!AUDIT_CATEGORIES.contains(category.toLowerCase(Locale.ROOT))) {
      out.skip(path, "category " + category + " is not an audit log");
      return;
    }
    String at = member(path, "properties.log");
    JsonNode log = o.path("properties").get("log");
    JsonNode event;
    if (log != null && log.isTextual()) {
      try {
        event = Payloads.json(log.textValue());
      } catch (Payloads.BadPayload e) {
        out.error(at, e.getMessage());
        return;
      }
    } else if (log != null && log.isObject()) {
      event = log;
    } else {
      out.error(at, "AKS audit record without properties.log");
      return;
    }
    if (!Paths.isEvent(event)) {
      out.error(at, DecodeError.NOT_AN_EVENT);
      return;
    }
    Envelopes.label((ObjectNode) event, Format.AKS, cluster(text(o, "resourceId")));
    out.event((ObjectNode) event, at);
  }

  /**
   * The cluster name in a resource ID {@code /subscriptions/<s>/resourceGroups/<g>/providers/
   * Microsoft.ContainerService/managedClusters/<name>}, or null. Azure writes the resource IDs of
   * diagnostic records all in upper case; such a name is lower-cased (Azure resource names are
   * case-insensitive), a mixed-case one is kept as written.
   */
  static String cluster(String resourceId) {
    if (resourceId == null) {
      return null;
    }
    int at = resourceId.toLowerCase(Locale.ROOT).lastIndexOf(CLUSTERS);
    if (at < 0) {
      return null;
    }
    String rest = resourceId.substring(at + CLUSTERS.length());
    int slash = rest.indexOf('/');
    String name = slash < 0 ? rest : rest.substring(0, slash);
    if (name.isEmpty()) {
      return null;
    }
    return resourceId.equals(resourceId.toUpperCase(Locale.ROOT))
        ? name.toLowerCase(Locale.ROOT) : name;
  }
}
