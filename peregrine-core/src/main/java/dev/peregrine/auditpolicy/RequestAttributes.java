package dev.peregrine.auditpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.event.AuditEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The request attributes an audit policy is evaluated on (the apiserver's authorizer attributes).
 *
 * @param user the authenticated user name, or null when there is no user at all (failed
 *     authentication); rules with users or userGroups never match then
 * @param groups the authenticated user's groups
 * @param verb the Kubernetes verb, or the lower-case HTTP method of a non-resource request
 * @param resourceRequest true for API resource requests, false for non-resource URLs
 * @param namespace {@code ""} for cluster-scoped requests
 * @param apiGroup {@code ""} for the core group
 * @param apiVersion e.g. {@code v1}
 * @param resource e.g. {@code pods}
 * @param subresource {@code ""} when none, e.g. {@code log}
 * @param name {@code ""} when the URL names no object (list, create)
 * @param path the URL path without query string
 */
public record RequestAttributes(
    String user,
    List<String> groups,
    String verb,
    boolean resourceRequest,
    String namespace,
    String apiGroup,
    String apiVersion,
    String resource,
    String subresource,
    String name,
    String path) {
  public RequestAttributes {
    groups = groups == null ? List.of() : List.copyOf(groups);
    verb = nz(verb);
    namespace = nz(namespace);
    apiGroup = nz(apiGroup);
    apiVersion = nz(apiVersion);
    resource = nz(resource);
    subresource = nz(subresource);
    name = nz(name);
    path = nz(path);
  }

  /** A resource request. */
  public static RequestAttributes resource(String user, List<String> groups, String verb,
      String namespace, String apiGroup, String apiVersion, String resource, String subresource,
      String name) {
    return new RequestAttributes(user, groups, verb, true, namespace, apiGroup, apiVersion,
        resource, subresource, name, "");
  }

  /** A non-resource request on {@code path}. */
  public static RequestAttributes nonResource(String user, List<String> groups, String verb,
      String path) {
    return new RequestAttributes(user, groups, verb, false, "", "", "", "", "", "", path);
  }

  /**
   * The attributes the apiserver most likely evaluated the policy on, rebuilt from a recorded
   * event: {@code user.username} and {@code user.groups} (the authenticated user, never {@code
   * impersonatedUser}), {@code verb}, {@code objectRef} (present means a resource request:
   * namespace, apiGroup, apiVersion, resource, subresource, name) and the path of {@code
   * requestURI} without its query.
   *
   * <p>Replay cannot always know what the apiserver knew:
   *
   * <ul>
   *   <li>on {@code create} (and other requests with a body) {@code objectRef.name} and {@code
   *       namespace} may have been filled from the body after the policy ran; the URL had no name,
   *       so rules with resourceNames did not apply. For {@code create} the name is dropped here;
   *       a namespace filled from the body cannot be told apart;
   *   <li>failed authentication (401) was evaluated with no user at all. An event with an empty
   *       {@code user} object is read as "no user"; an event with a user but no username keeps an
   *       empty user name;
   *   <li>impersonation is applied after the policy: the policy saw the impersonator ({@code
   *       user}), which is what is used here;
   *   <li>discovery paths such as {@code /apis/apps/v1} carry no objectRef and are non-resource
   *       requests, as for the apiserver;
   *   <li>list/watch with a {@code metadata.name} field selector had that name at policy time;
   *       the event's objectRef.name carries it, so it is kept.
   * </ul>
   */
  public static RequestAttributes fromEvent(AuditEvent event) {
    JsonNode u = event.get("user");
    String user = null;
    List<String> groups = new ArrayList<>();
    if (u != null && u.isObject() && !u.isEmpty()) {
      user = text(u, "username");
      JsonNode g = u.get("groups");
      if (g != null && g.isArray()) {
        g.forEach(x -> groups.add(x.asText()));
      }
    }
    String verb = text(event.json(), "verb");
    String path = text(event.json(), "requestURI");
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    JsonNode ref = event.get("objectRef");
    if (ref == null || !ref.isObject()) {
      return new RequestAttributes(user, groups, verb, false, "", "", "", "", "", "", path);
    }
    String name = verb.equals("create") ? "" : text(ref, "name");
    return new RequestAttributes(user, groups, verb, true, text(ref, "namespace"),
        text(ref, "apiGroup"), text(ref, "apiVersion"), text(ref, "resource"),
        text(ref, "subresource"), name, path);
  }

  private static String text(JsonNode obj, String field) {
    JsonNode n = obj.get(field);
    return n == null || n.isNull() ? "" : n.asText();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
