package dev.peregrine.auditpolicy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates third-party test data in {@code ../shared/upstream} next to the repository. A missing
 * folder skips the test with a message naming it, unless {@code PEREGRINE_REQUIRE_UPSTREAM=1}.
 */
final class Upstream {
  private Upstream() {}

  static Path repoRoot() {
    String prop = System.getProperty("peregrine.repo.root");
    if (prop != null && Files.isDirectory(Path.of(prop, "peregrine-core"))) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("peregrine-core"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the repository root from "
          + Path.of("").toAbsolutePath());
    }
    return p;
  }

  /** {@code ../shared/upstream/<folder>}; skips (or fails when required) if it is absent. */
  static Path folder(String folder) {
    Path dir = repoRoot().resolve("../shared/upstream").resolve(folder).normalize();
    if (!Files.isDirectory(dir)) {
      String msg = "upstream test data missing: " + dir + " (expected ../shared/upstream/"
          + folder + " next to the repository)";
      if ("1".equals(System.getenv("PEREGRINE_REQUIRE_UPSTREAM"))) {
        throw new AssertionError(msg);
      }
      Assumptions.abort(msg);
    }
    return dir;
  }
}
