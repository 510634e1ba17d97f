package dev.peregrine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.diag.Issue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each broken rules file under {@code src/test/resources/rules/diagnostics} has its
 * rendered issues (file:line:col, message, code, source line and caret) in a {@code .expected}
 * file. Run with {@code -Dperegrine.golden.update=true} to rewrite the expected files.
 */
class DiagnosticsGoldenTest {
  private static Path dir() {
    return Loads.repoRoot()
        .resolve("peregrine-core/src/test/resources/rules/diagnostics");
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted()
          .toList().stream();
    }
  }

  static String render(LoadResult r) {
    return r.issues().stream().map(Issue::render).collect(Collectors.joining("\n")) + "\n";
  }

  @ParameterizedTest
  @MethodSource("cases")
  void renderedIssuesMatch(String name) throws IOException {
    Path yaml = dir().resolve(name);
    LoadResult r = new RulesLoader().load(List.of(Loads.input(yaml)));
    String actual = render(r);
    Path expected = dir().resolve(name.replace(".yaml", ".expected"));
    if (Boolean.getBoolean("peregrine.golden.update")) {
      Files.writeString(expected, actual);
      return;
    }
    assertThat(expected).as("golden file; regenerate with -Dperegrine.golden.update=true")
        .exists();
    assertThat(actual).isEqualTo(Files.readString(expected));
    assertThat(r.hasErrors()).isTrue();
  }
}
