package dev.peregrine.auditpolicy;

import dev.peregrine.TestRepo;
import java.nio.file.Path;

/**
 * Locates third-party test data in {@code ../shared/upstream} next to the repository. A missing
 * folder skips the test with a message naming it, unless {@code PEREGRINE_REQUIRE_UPSTREAM=1}.
 */
final class Upstream {
  private Upstream() {}

  static Path repoRoot() {
    return TestRepo.repoRoot();
  }

  /** {@code ../shared/upstream/<folder>}; skips (or fails when required) if it is absent. */
  static Path folder(String folder) {
    return TestRepo.upstream(folder);
  }
}
