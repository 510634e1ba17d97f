package dev.peregrine.event;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One input to decode: a file, or standard input.
 *
 * @param name name used in events and errors: the path as given (or joined with its directory),
 *     or {@code -} for standard input
 * @param path the file, or null for standard input
 */
public record Input(String name, Path path) {
  /** Name of standard input. */
  public static final String STDIN = "-";

  public Input {
    Objects.requireNonNull(name);
  }

  /** Standard input. */
  public static Input stdin() {
    return new Input(STDIN, null);
  }

  /** True for standard input. */
  public boolean isStdin() {
    return path == null;
  }

  /**
   * Opens the input. Closing the stream of standard input leaves {@link System#in} open.
   *
   * @throws IOException when the file cannot be opened
   */
  public InputStream open() throws IOException {
    if (path == null) {
      return new FilterInputStream(System.in) {
        @Override
        public void close() {}
      };
    }
    return Files.newInputStream(path);
  }
}
