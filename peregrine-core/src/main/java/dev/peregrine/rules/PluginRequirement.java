package dev.peregrine.rules;

import java.util.List;

/**
 * One {@code required_plugin_versions} entry: the plugin named first and its alternatives, any of
 * which satisfies the requirement.
 *
 * @param alternatives the named plugin first, then each alternative, in file order
 * @param pos global offset of the entry in the load's source set
 */
public record PluginRequirement(List<Version> alternatives, int pos) {
  public PluginRequirement {
    alternatives = List.copyOf(alternatives);
  }

  /** A plugin name and the minimum version required (semver, same major). */
  public record Version(String name, String version) {
    @Override
    public String toString() {
      return name + " (>= " + version + ")";
    }
  }
}
