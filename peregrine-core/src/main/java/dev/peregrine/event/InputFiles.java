package dev.peregrine.event;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Turns command-line input arguments into the inputs to decode. */
public final class InputFiles {
  private InputFiles() {}

  /**
   * Expands {@code args} in order: {@code -} is standard input; a directory stands for its
   * regular files (following symbolic links; not recursive; subdirectories and other entries are
   * left out), sorted by file name in code-point order, which keeps date-stamped rotated logs in
   * time order (Falco sorts by modification time instead); anything else is a file.
   *
   * @throws InputException for the first argument that does not exist, cannot be read, or is
   *     neither a regular file nor a directory
   */
  public static List<Input> expand(List<String> args) throws InputException {
    List<Input> inputs = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals(Input.STDIN)) {
        inputs.add(Input.stdin());
        continue;
      }
      Path path = Path.of(arg);
      if (Files.isDirectory(path)) {
        inputs.addAll(directory(arg, path));
      } else if (Files.isRegularFile(path)) {
        checkReadable(arg, path);
        inputs.add(new Input(arg, path));
      } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        String reason = Files.exists(path) ? "not a regular file or directory"
            : "broken symbolic link";
        throw new InputException(arg, reason, null);
      } else {
        throw new InputException(arg, "no such file or directory", null);
      }
    }
    return inputs;
  }

  private static List<Input> directory(String arg, Path dir) throws InputException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(Files::isRegularFile)
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .map(p -> new Input(p.toString(), p))
          .toList();
    } catch (AccessDeniedException e) {
      throw new InputException(arg, "permission denied", e);
    } catch (NoSuchFileException e) {
      throw new InputException(arg, "no such file or directory", e);
    } catch (IOException e) {
      throw new InputException(arg, "cannot list directory: " + e.getMessage(), e);
    }
  }

  private static void checkReadable(String arg, Path path) throws InputException {
    if (!Files.isReadable(path)) {
      throw new InputException(arg, "permission denied", null);
    }
  }
}
