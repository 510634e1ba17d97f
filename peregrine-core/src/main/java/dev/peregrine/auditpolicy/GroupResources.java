package dev.peregrine.auditpolicy;

import java.util.List;

/**
 * One entry of a rule's {@code resources}: an API group ({@code ""} is core, {@code "*"} any
 * group since Kubernetes 1.36), resource patterns and resource names. Empty lists mean "any".
 *
 * @param group the API group; {@code ""} when the key is absent
 * @param resources {@code pods}, {@code pods/log}, {@code *}, {@code pods/*}, {@code *}{@code
 *     /scale}; empty means every resource of the group
 * @param resourceNames object names; empty means any name
 */
public record GroupResources(String group, List<String> resources, List<String> resourceNames) {
  public GroupResources {
    group = group == null ? "" : group;
    resources = List.copyOf(resources);
    resourceNames = List.copyOf(resourceNames);
  }
}
