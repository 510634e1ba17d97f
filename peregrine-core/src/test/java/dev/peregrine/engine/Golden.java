package dev.peregrine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison under {@code src/test/resources/golden}. Run with {@code
 * -Dperegrine.golden.update=true} to rewrite the files, then review the diff.
 */
final class Golden {
  private Golden() {}

  static void check(String relative, String actual) throws IOException {
    Path file = Path.of("src/test/resources/golden").resolve(relative);
    if (Boolean.getBoolean("peregrine.golden.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(file).as("golden file %s (regenerate with -Dperegrine.golden.update=true)", file)
        .exists();
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
