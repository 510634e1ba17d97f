package dev.peregrine.diag;

/** How bad an {@link Issue} is. Errors stop a load from succeeding; warnings never do. */
public enum Severity {
  ERROR,
  WARNING;

  public String label() {
    return this == ERROR ? "error" : "warning";
  }
}
