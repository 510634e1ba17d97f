package dev.peregrine.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PosixRegexTest {

  private static boolean re(String pattern, String s) {
    return PosixRegex.compile(pattern).matches(s);
  }

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource(delimiter = ';', value = {
      "abc              ; abc           ; true",
      "abc              ; xabcx         ; false",
      "b                ; abc           ; false",
      "a|b              ; b             ; true",
      "a|bc             ; ab            ; false",
      "kube-.*          ; kube-system   ; true",
      "[0-9]+           ; 123           ; true",
      "[0-9]+           ; 12a           ; false",
      "[[:digit:]]{3}   ; 404           ; true",
      "[[:alpha:]]+     ; abc           ; true",
      "a.c              ; a/c           ; true",
      "\\x41            ; A             ; true",
      "\\.              ; .             ; true",
      "a{2,3}           ; aaa           ; true",
      "a{2,3}           ; aaaa          ; false",
      "(ab)+            ; abab          ; true",
      "é+               ; éé            ; true",
      "''               ; ''            ; true",
      "''               ; a             ; false",
  })
  void fullMatch(String pattern, String subject, boolean expected) {
    assertThat(re(pattern, subject)).isEqualTo(expected);
  }

  @Test
  void stackedRepetitionIsNotLazy() {
    // POSIX syntax: a+? is (a+)?, which also matches the empty string.
    assertThat(re("a+?", "")).isTrue();
    assertThat(re("a**", "aaa")).isTrue();
    assertThat(re("a*?", "aaa")).isTrue();
  }

  @Test
  void anchorsAreLineAnchors() {
    assertThat(re("a$\nb", "a\nb")).isTrue();
    assertThat(re("a\n^b", "a\nb")).isTrue();
    assertThat(re("^abc$", "abc")).isTrue();
  }

  @Test
  void negatedClassMatchesNewline() {
    assertThat(re("a[^x]b", "a\nb")).isTrue();
    assertThat(re("a.b", "a\nb")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\\d+", "\\D", "\\s", "\\S", "\\w+", "\\W", "\\bfoo", "a\\B", "\\Aabc", "abc\\z",
      "\\pL", "\\p{Greek}", "(?i)abc", "(?:ab)", "(?P<n>a)", "\\Qa.b\\E", "[\\d]", "\\C",
  })
  void rejectsPerlSyntax(String pattern) {
    assertThatThrownBy(() -> PosixRegex.compile(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid regex pattern: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"(", "a)", "[a", "*a", "a{1001}", "[z-a]", "\\1"})
  void rejectsMalformed(String pattern) {
    assertThatThrownBy(() -> PosixRegex.compile(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid regex pattern: ");
  }

  @Test
  void messageNamesReasonAndFragment() {
    assertThatThrownBy(() -> PosixRegex.compile("\\d"))
        .hasMessage("invalid regex pattern: invalid escape sequence: \\d");
    assertThatThrownBy(() -> PosixRegex.compile("(ab"))
        .hasMessage("invalid regex pattern: missing closing ): (ab");
  }

  @Test
  void keepsSource() {
    PosixRegex r = PosixRegex.compile("a.*");
    assertThat(r.pattern()).isEqualTo("a.*");
    assertThat(r).hasToString("regex a.*");
  }
}
