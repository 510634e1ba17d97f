package dev.peregrine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FnmatchTest {

  private static boolean glob(String pattern, String s) {
    return Fnmatch.compile(pattern, false).matches(s);
  }

  private static boolean iglob(String pattern, String s) {
    return Fnmatch.compile(pattern, true).matches(s);
  }

  @ParameterizedTest(name = "glob {0} ~ {1} = {2}")
  @CsvSource(delimiter = '|', value = {
      "abc        | abc        | true",
      "abc        | abd        | false",
      "abc        | ab         | false",
      "''         | ''         | true",
      "''         | a          | false",
      "*          | ''         | true",
      "*          | /a/b/c     | true",
      "/var/*     | /var/a/b   | true",
      "*.log      | /x/y.log   | true",
      "*.log      | .log       | true",
      "a*b*c      | aXXbYYc    | true",
      "a*b*c      | aXXbYY     | false",
      "**a        | xa         | true",
      "?          | a          | true",
      "?          | ''         | false",
      "?          | /          | true",
      "??         | é          | true",
      "?          | é          | false",
      "a\\*       | a*         | true",
      "a\\*       | ab         | false",
      "\\a        | a          | true",
      "a\\        | a\\        | false",
      "a\\        | a          | false",
      "*\\        | anything   | false",
      "[abc]      | b          | true",
      "[abc]      | d          | false",
      "[a-c]x     | bx         | true",
      "[!a-c]     | d          | true",
      "[!a-c]     | b          | false",
      "[^a-c]     | d          | true",
      "[]]        | ]          | true",
      "[]a]       | a          | true",
      "[!]]       | ]          | false",
      "[!]]       | a          | true",
      "[a-]       | -          | true",
      "[-a]       | -          | true",
      "[\\]]      | ]          | true",
      "[\\!]      | !          | true",
      "[a\\-z]    | b          | false",
      "[a\\-z]    | -          | true",
      "[[:alpha:]]   | q       | true",
      "[[:alpha:]]   | 1       | false",
      "[[:digit:]x]  | x       | true",
      "[[:space:]]   | ' '     | true",
      "[[:upper:][:digit:]] | 7 | true",
      "[[:xdigit:]]  | F       | true",
      "[[:punct:]]   | /       | true",
      "[[:alpha:]]   | é       | false",
      "[[:foo:]]     | a       | false",
      "[a[:foo:]]    | a       | true",
      "[a[:foo:]]    | b       | false",
      "[[:alpha]     | [       | true",
      "[ab        | [ab        | true",
      "[ab        | a          | false",
      "[          | [          | true",
      "[!         | [!         | true",
      "[]         | []         | true",
      "[[a        | [[a        | false",
      "[a-        | a-         | false",
      "[a-        | [a-        | false",
      "[\\        | [\\        | false",
      "x[/]y      | x/y        | true",
      "[z-a]      | m          | false",
      "*[0-9]     | abc9       | true",
      "*.*        | a.b.c      | true",
  })
  void globCases(String pattern, String subject, boolean expected) {
    assertThat(glob(pattern, subject)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "iglob {0} ~ {1} = {2}")
  @CsvSource(delimiter = '|', value = {
      "ABC       | abc   | true",
      "abc       | ABC   | true",
      "*.LOG     | x.log | true",
      "[A-C]     | b     | true",
      "[a-c]     | B     | true",
      "[!a]      | A     | false",
      "É         | é     | false",
      "[[:upper:]] | a   | false",
  })
  void iglobCases(String pattern, String subject, boolean expected) {
    assertThat(iglob(pattern, subject)).isEqualTo(expected);
  }

  @Test
  void caseSensitiveByDefault() {
    assertThat(glob("ABC", "abc")).isFalse();
  }

  @Test
  void starsDoNotBacktrackExponentially() {
    String pattern = "a*".repeat(30) + "b";
    String subject = "a".repeat(5000);
    long start = System.nanoTime();
    assertThat(glob(pattern, subject)).isFalse();
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  @Test
  void reportsPatternAndMode() {
    Fnmatch f = Fnmatch.compile("a*", true);
    assertThat(f.pattern()).isEqualTo("a*");
    assertThat(f.caseFold()).isTrue();
    assertThat(f).hasToString("iglob a*");
  }

  /** Compares with java.util.regex for patterns made of literals, '?', '*' and escapes. */
  @Property(tries = 2000)
  void agreesWithRegexTranslation(@ForAll("patterns") String pattern,
      @ForAll("subjects") String subject) {
    assertThat(glob(pattern, subject)).isEqualTo(reference(pattern, subject, false));
    assertThat(iglob(pattern, subject)).isEqualTo(reference(pattern, subject, true));
  }

  @Property(tries = 500)
  void patternWithoutMetaMatchesItself(@ForAll("subjects") String s) {
    assertThat(glob(s, s)).isTrue();
    assertThat(glob("*", s)).isTrue();
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.of("a", "b", "A", "/", ".", "*", "?", "\\*", "\\?", "\\a", "é")
        .list().ofMaxSize(8).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> subjects() {
    return Arbitraries.of("a", "b", "A", "B", "/", ".", "*", "?", "é")
        .list().ofMaxSize(8).map(l -> String.join("", l));
  }

  private static boolean reference(String pattern, String subject, boolean fold) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '*') {
        re.append("(?s:.*)");
      } else if (c == '?') {
        re.append("(?s:.)");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    // The reference works on characters; our subjects' only multi-byte character is 'é',
    // which '?' cannot match as one byte, so map it to two placeholder code units.
    String s = subject.replace("é", "\u0001\u0002");
    String p = re.toString().replace("é", "\u0001\u0002");
    return Pattern.compile(p, fold ? Pattern.CASE_INSENSITIVE : 0).matcher(s).matches();
  }
}
