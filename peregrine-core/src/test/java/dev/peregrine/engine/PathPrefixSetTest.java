package dev.peregrine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PathPrefixSetTest {

  private static final PathPrefixSet SET =
      PathPrefixSet.of(List.of("/var/run", "/etc", "/lib", "/usr/lib"));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/var/run/docker, true",
      "/var/run, true",
      "/var/run/, true",
      "//var//run//docker.sock, true",
      "var/run/docker, true",
      "/var, false",
      "/var/runx, false",
      "/var/lib/messages, false",
      "/boot, false",
      "/etc/passwd, true",
      "/etcetera, false",
      "/usr/lib/x/y, true",
      "/usr, false",
      "'', false",
      "/, false",
  })
  void matchesByComponents(String path, boolean expected) {
    assertThat(SET.matches(path)).isEqualTo(expected);
  }

  @Test
  void rootMatchesEverything() {
    PathPrefixSet root = PathPrefixSet.of(List.of("/"));
    assertThat(root.matches("/anything/at/all")).isTrue();
    assertThat(root.matches("relative")).isTrue();
    assertThat(root.matches("")).isTrue();
    assertThat(PathPrefixSet.of(List.of("")).matches("/x")).isTrue();
  }

  @Test
  void shorterPathWinsWhateverTheOrder() {
    PathPrefixSet a = PathPrefixSet.of(List.of("/usr/lib", "/usr"));
    PathPrefixSet b = PathPrefixSet.of(List.of("/usr", "/usr/lib"));
    for (PathPrefixSet s : List.of(a, b)) {
      assertThat(s.matches("/usr/bin")).isTrue();
      assertThat(s.matches("/usr")).isTrue();
      assertThat(s.matches("/opt")).isFalse();
    }
  }

  @Test
  void globComponentsMatchOneComponent() {
    PathPrefixSet s = PathPrefixSet.of(List.of("/var/*/log", "/home/user?", "/srv/[ab]x"));
    assertThat(s.matches("/var/x/log")).isTrue();
    assertThat(s.matches("/var/x/log/y")).isTrue();
    assertThat(s.matches("/var/x/y/log")).isFalse();
    assertThat(s.matches("/var/log")).isFalse();
    assertThat(s.matches("/home/user1/.ssh")).isTrue();
    assertThat(s.matches("/home/user12")).isFalse();
    assertThat(s.matches("/srv/bx")).isTrue();
    assertThat(s.matches("/srv/cx")).isFalse();
  }

  @Test
  void exactAndGlobSiblingsAreBothTried() {
    PathPrefixSet s = PathPrefixSet.of(List.of("/a/b/c", "/a/*/d", "/a/?/e"));
    assertThat(s.matches("/a/b/d")).isTrue();
    assertThat(s.matches("/a/b/e")).isTrue();
    assertThat(s.matches("/a/b/c/z")).isTrue();
    assertThat(s.matches("/a/bb/e")).isFalse();
  }

  @Test
  void keepsPathsForDisplay() {
    assertThat(SET.paths()).containsExactly("/var/run", "/etc", "/lib", "/usr/lib");
    assertThat(PathPrefixSet.split("//a///b/")).containsExactly("a", "b");
  }
}
