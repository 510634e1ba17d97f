package dev.peregrine.event.cloud;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A GKE {@code resourceName}, {@code <group>/<version>/[namespaces/<ns>/]<resource>[/<name>
 * [/<subresource>]]}, taken apart the way the apiserver takes a request path apart. The group
 * {@code core} is the legacy core group ({@code ""}, URL prefix {@code /api}).
 *
 * @param group API group, {@code ""} for the core group
 * @param version API version such as {@code v1}
 * @param namespace namespace, or null
 * @param resource resource (plural), or null
 * @param name object name, or null
 * @param subresource subresource such as {@code exec} or {@code status}, or null
 */
record ResourceName(String group, String version, String namespace, String resource,
    String name, String subresource) {
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  /** Parses {@code text}; null when it does not start with a group and a version. */
  static ResourceName parse(String text) {
    if (text == null || text.startsWith("/")) {
      return null;
    }
    List<String> parts = Arrays.asList(text.split("/", -1));
    if (parts.size() < 3 || parts.stream().anyMatch(String::isEmpty)) {
      return null;
    }
    String group = parts.get(0).equals("core") ? "" : parts.get(0);
    String version = parts.get(1);
    List<String> rest = parts.subList(2, parts.size());
    String ns = null;
    if (rest.get(0).equals("namespaces") && rest.size() >= 2) {
      ns = rest.get(1);
      boolean namespaceObject = rest.size() == 2
          || (rest.size() == 3 && NAMESPACE_SUBRESOURCES.contains(rest.get(2)));
      if (!namespaceObject) {
        rest = rest.subList(2, rest.size());
      }
    }
    return new ResourceName(group, version, ns, rest.get(0), at(rest, 1), tail(rest));
  }

  private static String at(List<String> parts, int i) {
    return parts.size() > i ? parts.get(i) : null;
  }

  private static String tail(List<String> parts) {
    return parts.size() > 2 ? String.join("/", parts.subList(2, parts.size())) : null;
  }

  /** The request path this resource was addressed by (no query string). */
  String path() {
    StringBuilder b = new StringBuilder(group.isEmpty() ? "/api/" : "/apis/" + group + "/");
    b.append(version);
    boolean namespaceObject = "namespaces".equals(resource);
    if (namespace != null && !namespaceObject) {
      b.append("/namespaces/").append(namespace);
    }
    b.append('/').append(resource);
    if (name != null) {
      b.append('/').append(name);
    }
    if (subresource != null) {
      b.append('/').append(subresource);
    }
    return b.toString();
  }
}
