package dev.peregrine.field;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an event that a set of bound fields may read: key paths from the top level, or
 * everything. Filled by a {@link FieldRegistry#recording recording registry}; not thread-safe.
 */
public final class FieldReads {
  private final List<List<String>> paths = new ArrayList<>();
  private boolean everything;

  /** Adds the paths of one bound field; null means it may read anything. */
  void add(List<List<String>> more) {
    if (more == null) {
      everything = true;
    } else if (!everything) {
      paths.addAll(more);
    }
  }

  /** Adds everything {@code other} recorded. */
  public void addAll(FieldReads other) {
    if (other.everything) {
      everything = true;
      paths.clear();
    } else {
      add(other.paths);
    }
  }

  /** True when some bound field may read any part of the event. */
  public boolean everything() {
    return everything;
  }

  /** The key paths read (meaningless when {@link #everything()}). */
  public List<List<String>> paths() {
    return List.copyOf(paths);
  }
}
