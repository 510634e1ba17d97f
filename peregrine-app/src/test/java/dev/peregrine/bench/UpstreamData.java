package dev.peregrine.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code ../shared/upstream/<folder>} next to the repository; a missing folder skips the test with
 * a message naming it, or fails it when {@code PEREGRINE_REQUIRE_UPSTREAM=1}.
 */
final class UpstreamData {
  private UpstreamData() {}

  static Path folder(String folder) {
    String prop = System.getProperty("peregrine.repo.root");
    Path root = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath().getParent();
    Path dir = root.resolve("../shared/upstream").resolve(folder).normalize();
    if (!Files.isDirectory(dir)) {
      String msg = "upstream conformance data missing: " + dir
          + " (expected ../shared/upstream/" + folder + " next to the repository)";
      if ("1".equals(System.getenv("PEREGRINE_REQUIRE_UPSTREAM"))) {
        throw new AssertionError(msg);
      }
      Assumptions.abort(msg);
    }
    return dir;
  }
}
