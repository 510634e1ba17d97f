package dev.peregrine.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A bearer-token file: one token per line (UTF-8), surrounding whitespace stripped, blank lines
 * and lines starting with {@code #} ignored.
 */
public final class TokenFile {
  private TokenFile() {}

  /** The tokens in {@code file}, in file order; empty if it holds none. */
  public static List<String> tokens(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }
}
