package dev.peregrine.auditpolicy;

import dev.peregrine.diag.Position;

/**
 * A key the apiserver's strict decoder rejects. The apiserver then logs a warning and decodes
 * leniently: an unknown key is dropped, and of duplicate keys the last one wins.
 *
 * @param kind unknown or duplicate
 * @param path field path of the mapping that holds the key ({@code rules[0].resources[1]})
 * @param key the key as written
 * @param position where the key is
 */
public record KeyProblem(Kind kind, String path, String key, Position position) {
  /** What is wrong with the key. */
  public enum Kind {
    UNKNOWN,
    DUPLICATE
  }

  /** Field path of the key itself. */
  public String keyPath() {
    return path.isEmpty() ? key : path + "." + key;
  }
}
