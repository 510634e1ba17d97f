package dev.peregrine.auditpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.AuditEvent;
import java.util.Iterator;
import java.util.Optional;

/**
 * Applies an audit policy to recorded events as kube-apiserver applies it when it writes them
 * (spec §c): the request attributes are rebuilt with {@link RequestAttributes#fromEvent}, the
 * first matching rule decides, and then
 *
 * <ul>
 *   <li>level {@code None} (or no matching rule) drops the event;
 *   <li>an event whose {@code stage} is in the decision's omitted stages is dropped;
 *   <li>{@code Metadata} removes {@code requestObject}, {@code responseObject} and the {@code
 *       patch.webhook.admission.k8s.io/} annotations (the apiserver adds those only from level
 *       Request on);
 *   <li>{@code Request} removes {@code responseObject};
 *   <li>with omitManagedFields, {@code metadata.managedFields} is removed from the request object
 *       (not from a patch document, which the apiserver records as sent) and from the response
 *       object, each item of a List and each {@code rows[].object} of a Table.
 * </ul>
 *
 * <p>A recorded event cannot hold more than its recorder kept: when the policy asks for a higher
 * level than the event's own {@code level}, the event keeps what it has and its level. The
 * {@code level} field of a kept event is therefore the lower of the two. The input event is never
 * changed; a copy is made only when something is removed. Thread-safe.
 */
public final class PolicyEnforcer {
  static final String PATCH_ANNOTATION_PREFIX = "patch.webhook.admission.k8s.io/";

  private final PolicyChecker checker;

  /**
   * An enforcer for a valid policy.
   *
   * @throws IllegalArgumentException when a level or stage name is not valid
   */
  public PolicyEnforcer(Policy policy) {
    this.checker = new PolicyChecker(policy);
  }

  /** What happened to one event. */
  public sealed interface Outcome {
    /** The policy decision the outcome follows from. */
    AuditDecision decision();
  }

  /**
   * The event is not written at all.
   *
   * @param decision the policy decision
   * @param stageOmitted true when the level was not None but the event's stage is omitted
   */
  public record Dropped(AuditDecision decision, boolean stageOmitted) implements Outcome {}

  /**
   * The event as the apiserver would have written it.
   *
   * @param decision the policy decision
   * @param event the (possibly stripped) event
   * @param level the level of the written event: the lower of the policy's and the recorded one
   * @param underRecorded true when the policy asks for more than the recorded event holds
   */
  public record Kept(AuditDecision decision, AuditEvent event, Level level, boolean underRecorded)
      implements Outcome {}

  /** The outcome for one event. */
  public Outcome apply(AuditEvent event) {
    return apply(event, checker.evaluate(RequestAttributes.fromEvent(event)));
  }

  /** The event as written, or empty when the policy drops it. */
  public Optional<AuditEvent> enforce(AuditEvent event) {
    return apply(event) instanceof Kept k ? Optional.of(k.event()) : Optional.empty();
  }

  /** The outcome of an already made decision for one event. */
  public static Outcome apply(AuditEvent event, AuditDecision decision) {
    if (decision.level() == Level.NONE) {
      return new Dropped(decision, false);
    }
    Optional<Stage> stage = Stage.parse(text(event.get("stage")));
    if (stage.isPresent() && decision.omitStages().contains(stage.get())) {
      return new Dropped(decision, true);
    }
    Level recorded = Level.parse(text(event.get("level"))).orElse(Level.REQUEST_RESPONSE);
    Level level = decision.level().atLeast(recorded) ? recorded : decision.level();
    ObjectNode json = strip(event.json(), level, decision.omitManagedFields());
    AuditEvent out = json == event.json() ? event
        : new AuditEvent(json, event.timeNanos(), event.origin(), event.line());
    return new Kept(decision, out, level, decision.level().compareTo(recorded) > 0);
  }

  /** The event object reduced to {@code level}; the same object when nothing changes. */
  static ObjectNode strip(ObjectNode in, Level level, boolean omitManagedFields) {
    ObjectNode out = in;
    if (!level.atLeast(Level.REQUEST)) {
      out = remove(out, "requestObject");
      out = removePatchAnnotations(out);
    }
    if (!level.atLeast(Level.REQUEST_RESPONSE)) {
      out = remove(out, "responseObject");
    }
    if (omitManagedFields && level.atLeast(Level.REQUEST)) {
      if (!text(in.get("verb")).equals("patch") && hasManagedFields(out.get("requestObject"))) {
        out = copyOf(in, out);
        out.set("requestObject", withoutManagedFields(out.get("requestObject")));
      }
      if (hasManagedFields(out.get("responseObject"))) {
        out = copyOf(in, out);
        out.set("responseObject", withoutManagedFields(out.get("responseObject")));
      }
    }
    if (in.has("level") && !text(in.get("level")).equals(level.wire())) {
      out = copyOf(in, out);
      out.put("level", level.wire());
    }
    return out;
  }

  private static ObjectNode remove(ObjectNode in, String field) {
    if (!in.has(field)) {
      return in;
    }
    ObjectNode out = in.deepCopy();
    out.remove(field);
    return out;
  }

  private static ObjectNode copyOf(ObjectNode original, ObjectNode current) {
    return current == original ? original.deepCopy() : current;
  }

  private static ObjectNode removePatchAnnotations(ObjectNode in) {
    JsonNode ann = in.get("annotations");
    if (ann == null || !ann.isObject()) {
      return in;
    }
    boolean any = false;
    for (Iterator<String> it = ann.fieldNames(); it.hasNext(); ) {
      any |= it.next().startsWith(PATCH_ANNOTATION_PREFIX);
    }
    if (!any) {
      return in;
    }
    ObjectNode out = in.deepCopy();
    ((ObjectNode) out.get("annotations")).properties()
        .removeIf(e -> e.getKey().startsWith(PATCH_ANNOTATION_PREFIX));
    return out;
  }

  /** True when the object, a List item or a Table row object carries managedFields. */
  static boolean hasManagedFields(JsonNode obj) {
    if (obj == null || !obj.isObject()) {
      return false;
    }
    if (obj.path("metadata").has("managedFields")) {
      return true;
    }
    for (JsonNode item : obj.path("items")) {
      if (item.path("metadata").has("managedFields")) {
        return true;
      }
    }
    for (JsonNode row : obj.path("rows")) {
      if (row.path("object").path("metadata").has("managedFields")) {
        return true;
      }
    }
    return false;
  }

  /** A copy of the object without managedFields (object, List items, Table row objects). */
  static JsonNode withoutManagedFields(JsonNode obj) {
    ObjectNode copy = ((ObjectNode) obj).deepCopy();
    dropManagedFields(copy);
    for (JsonNode item : copy.path("items")) {
      dropManagedFields(item);
    }
    for (JsonNode row : copy.path("rows")) {
      dropManagedFields(row.path("object"));
    }
    return copy;
  }

  private static void dropManagedFields(JsonNode obj) {
    if (obj.get("metadata") instanceof ObjectNode meta) {
      meta.remove("managedFields");
    }
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? "" : n.asText();
  }
}
