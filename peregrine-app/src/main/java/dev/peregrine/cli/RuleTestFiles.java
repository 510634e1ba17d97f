package dev.peregrine.cli;

import dev.peregrine.cli.RuleTestSpec.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds rule test files: on disk, or the bundled tests of the built-in ruleset in the jar. */
final class RuleTestFiles {
  /** Class-path folder of the bundled tests; {@code index.txt} there lists the files. */
  static final String BUNDLED_DIR = "/rules/tests/";

  /** A test file and its text. */
  record Source(Origin origin, String text) {}

  private RuleTestFiles() {}

  /** The files named by {@code paths}; a directory contributes its *.yaml/*.yml files, by name. */
  static List<Source> fromPaths(List<Path> paths) throws IOException {
    List<Source> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          for (Path f : s.filter(RuleTestFiles::isYaml).sorted().toList()) {
            out.add(onDisk(f));
          }
        }
      } else if (Files.isRegularFile(p)) {
        out.add(onDisk(p));
      } else {
        throw new NoSuchFileException(p.toString(), null, "no such test file or directory");
      }
    }
    return out;
  }

  /** The bundled tests of the built-in ruleset, in the order of their index. */
  static List<Source> bundled() {
    List<Source> out = new ArrayList<>();
    for (String line : resource(BUNDLED_DIR + "index.txt").split("\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        String path = BUNDLED_DIR + name;
        out.add(new Source(new InJar(path), resource(path)));
      }
    }
    return out;
  }

  private static Source onDisk(Path f) throws IOException {
    return new Source(new OnDisk(f), Files.readString(f, StandardCharsets.UTF_8));
  }

  private static boolean isYaml(Path p) {
    String n = p.getFileName().toString();
    return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
  }

  private static String resource(String path) {
    try (InputStream in = RuleTestFiles.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("bundled rule test missing from the jar: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A test file on disk; relative names resolve against its folder. */
  private record OnDisk(Path file) implements Origin {
    @Override
    public String name() {
      return file.toString();
    }

    @Override
    public byte[] read(String relative) throws IOException {
      return Files.readAllBytes(resolve(relative));
    }

    @Override
    public String nameOf(String relative) {
      return resolve(relative).toString();
    }

    private Path resolve(String relative) {
      Path parent = file.getParent();
      return parent == null ? Path.of(relative) : parent.resolve(relative).normalize();
    }
  }

  /** A bundled test file; relative names resolve against its class-path folder. */
  private record InJar(String path) implements Origin {
    @Override
    public String name() {
      return "builtin:" + path.substring(1);
    }

    @Override
    public byte[] read(String relative) throws IOException {
      try (InputStream in = RuleTestFiles.class.getResourceAsStream(resolve(relative))) {
        if (in == null) {
          throw new NoSuchFileException(nameOf(relative));
        }
        return in.readAllBytes();
      }
    }

    @Override
    public String nameOf(String relative) {
      return "builtin:" + resolve(relative).substring(1);
    }

    private String resolve(String relative) {
      String dir = path.substring(0, path.lastIndexOf('/') + 1);
      return Path.of(dir + relative).normalize().toString().replace('\\', '/');
    }
  }
}
