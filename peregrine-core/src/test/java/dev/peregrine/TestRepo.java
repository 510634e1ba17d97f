package dev.peregrine;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the core tests find the repository and the third-party data in {@code ../shared} next to
 * it. A missing folder skips the test with a message naming it, and fails it when {@code
 * PEREGRINE_REQUIRE_UPSTREAM=1} (as {@code .ci/run} sets).
 */
public final class TestRepo {
  private TestRepo() {}

  /** The repository root: {@code peregrine.repo.root}, else the first folder holding peregrine-core. */
  public static Path repoRoot() {
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

  /** {@code ../shared/upstream/<folder>}: skips (or fails when required) if it is absent. */
  public static Path upstream(String folder) {
    return shared("upstream/" + folder);
  }

  /** {@code ../shared/<rel>}: skips (or fails when required) if it is absent. */
  public static Path shared(String rel) {
    Path p = repoRoot().resolve("../shared").resolve(rel).normalize();
    if (!Files.exists(p)) {
      String msg = "upstream test data missing: " + p + " (expected ../shared/" + rel
          + " next to the repository)";
      if ("1".equals(System.getenv("PEREGRINE_REQUIRE_UPSTREAM"))) {
        throw new AssertionError(msg);
      }
      Assumptions.abort(msg);
    }
    return p;
  }
}
