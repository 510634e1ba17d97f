package dev.peregrine.auditpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.diag.Issue;
import dev.peregrine.diag.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lint findings on our own policies: {@code src/test/resources/auditpolicy/lint/NAME.yaml}
 * against {@code NAME.expected}. Regenerate with {@code -Dperegrine.golden.update=true} and
 * review the diff.
 */
class LintGoldenTest {
  static final Path DIR = Path.of("src/test/resources/auditpolicy/lint");

  static Stream<String> policies() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      List<String> names = s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml")).sorted().toList();
      assertThat(names).isNotEmpty();
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void lintFindings_matchGoldenFile(String name) throws IOException {
    String text = Files.readString(DIR.resolve(name), StandardCharsets.UTF_8);
    PolicyLoader.Verdict v = new PolicyLoader().load(new SourceFile("lint/" + name, text));
    StringBuilder sb = new StringBuilder();
    sb.append(v.accepted() ? "accepted" : "rejected").append('\n');
    for (Issue i : new PolicyLinter().check(v)) {
      sb.append(i.render()).append('\n');
    }
    Path golden = DIR.resolve(name.replace(".yaml", ".expected"));
    if (Boolean.getBoolean("peregrine.golden.update")) {
      Files.writeString(golden, sb.toString(), StandardCharsets.UTF_8);
      return;
    }
    assertThat(golden).as("golden file %s (regenerate with -Dperegrine.golden.update=true)",
        golden).exists();
    assertThat(sb.toString()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
