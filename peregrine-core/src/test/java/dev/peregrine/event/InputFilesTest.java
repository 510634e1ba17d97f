package dev.peregrine.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
  @TempDir Path dir;

  @Test
  void expandsStdinFilesAndDirectoriesInOrder() throws Exception {
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Files.writeString(logs.resolve("b.json"), "b");
    Files.writeString(logs.resolve("a.json"), "a");
    Files.writeString(logs.resolve("C.json"), "c");
    Files.createDirectory(logs.resolve("sub"));
    Files.writeString(logs.resolve("sub").resolve("x.json"), "x");
    Path single = Files.writeString(dir.resolve("one.json"), "1");

    List<Input> inputs = InputFiles.expand(List.of(single.toString(), "-", logs.toString()));

    assertThat(inputs)
        .extracting(Input::name)
        .containsExactly(
            single.toString(),
            "-",
            logs.resolve("C.json").toString(),
            logs.resolve("a.json").toString(),
            logs.resolve("b.json").toString());
    assertThat(inputs.get(1).isStdin()).isTrue();
    try (InputStream in = inputs.get(3).open()) {
      assertThat(new String(in.readAllBytes())).isEqualTo("a");
    }
  }

  @Test
  void missingPathIsAClearError() {
    String missing = dir.resolve("nope.json").toString();
    assertThatThrownBy(() -> InputFiles.expand(List.of("-", missing)))
        .isInstanceOf(InputException.class)
        .hasMessage(missing + ": no such file or directory")
        .satisfies(e -> assertThat(((InputException) e).path()).isEqualTo(missing));
  }

  @Test
  void emptyDirectoryGivesNoInputs() throws Exception {
    assertThat(InputFiles.expand(List.of(dir.toString()))).isEmpty();
  }
}
