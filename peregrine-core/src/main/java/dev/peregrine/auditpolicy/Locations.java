package dev.peregrine.auditpolicy;

import dev.peregrine.diag.Position;
import dev.peregrine.diag.SourceFile;
import java.util.Map;

/**
 * Where each part of a policy was written, by field path as the apiserver names it ({@code
 * rules[2].resources[0].group}; the root is {@code ""}). Value positions point at the value (for a
 * list or mapping, at its first character); key positions at the key.
 */
public final class Locations {
  private final SourceFile file;
  private final Map<String, Position> values;
  private final Map<String, Position> keys;

  Locations(SourceFile file, Map<String, Position> values, Map<String, Position> keys) {
    this.file = file;
    this.values = Map.copyOf(values);
    this.keys = Map.copyOf(keys);
  }

  /** No positions known (a policy built in code). */
  public static Locations none(String name) {
    return new Locations(new SourceFile(name, ""), Map.of(), Map.of());
  }

  /** The file the policy was read from. */
  public SourceFile file() {
    return file;
  }

  /**
   * The position of the value at {@code path}; when that field was not written, the position of
   * the nearest enclosing value that was (a missing {@code level} points at its rule).
   */
  public Position of(String path) {
    String p = path;
    while (true) {
      Position pos = values.get(p);
      if (pos != null) {
        return pos;
      }
      if (p.isEmpty()) {
        return Position.UNKNOWN;
      }
      p = parent(p);
    }
  }

  /** The position of the key of field {@code path}, else as {@link #of(String)}. */
  public Position key(String path) {
    Position pos = keys.get(path);
    return pos != null ? pos : of(path);
  }

  /** True when a value was written at exactly this path. */
  public boolean has(String path) {
    return values.containsKey(path);
  }

  static String parent(String path) {
    int end = path.length();
    if (path.endsWith("]")) {
      return path.substring(0, path.lastIndexOf('['));
    }
    int dot = path.lastIndexOf('.', end - 1);
    return dot < 0 ? "" : path.substring(0, dot);
  }
}
