package dev.peregrine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ByteStringsTest {

  private static int sign(int x) {
    return Integer.signum(x);
  }

  @Test
  void compareOrdersLikeStrcmp() {
    assertThat(sign(ByteStrings.compare("abc", "abc"))).isZero();
    assertThat(sign(ByteStrings.compare("abc", "abd"))).isNegative();
    assertThat(sign(ByteStrings.compare("abd", "abc"))).isPositive();
    assertThat(sign(ByteStrings.compare("ab", "abc"))).isNegative();
    assertThat(sign(ByteStrings.compare("", "a"))).isNegative();
    assertThat(sign(ByteStrings.compare("99", "400"))).isPositive();
    assertThat(sign(ByteStrings.compare("Z", "a"))).isNegative();
  }

  @Test
  void compareUsesUtf8ByteOrderForNonAscii() {
    // U+00E9 is 0xC3 0xA9: greater than every ASCII byte.
    assertThat(sign(ByteStrings.compare("é", "z"))).isPositive();
    // U+1F600 (surrogate pair in UTF-16) sorts after U+FFFD in UTF-8, unlike String.compareTo.
    String emoji = "\uD83D\uDE00";
    assertThat("\uFFFD".compareTo(emoji)).isPositive();
    assertThat(sign(ByteStrings.compare("\uFFFD", emoji))).isNegative();
    assertThat(sign(ByteStrings.compare(emoji, "\uFFFD"))).isPositive();
  }

  @Test
  void compareStopsAtNul() {
    assertThat(ByteStrings.compare("ab\0c", "ab")).isZero();
    assertThat(ByteStrings.compare("ab", "ab\0zz")).isZero();
    assertThat(sign(ByteStrings.compare("ab\0z", "abc"))).isNegative();
    assertThat(ByteStrings.equal("ab\0x", "ab\0y")).isTrue();
  }

  @Property(tries = 1000)
  void compareAgreesWithUnsignedUtf8Bytes(@ForAll String a, @ForAll String b) {
    String ca = ByteStrings.cstr(a);
    String cb = ByteStrings.cstr(b);
    // Only well-formed strings have a UTF-8 encoding to compare with.
    if (!wellFormed(ca) || !wellFormed(cb)) {
      return;
    }
    int expected = Arrays.compareUnsigned(ca.getBytes(StandardCharsets.UTF_8),
        cb.getBytes(StandardCharsets.UTF_8));
    assertThat(sign(ByteStrings.compare(a, b))).isEqualTo(sign(expected));
  }

  /** strcasestr over UTF-8 bytes, folding only ASCII letters (the C locale). */
  @Property(tries = 1000)
  void containsIgnoreCaseAgreesWithStrcasestr(
      @ForAll @StringLength(max = 12) @CharRange(from = 0, to = 0x7f)
      @CharRange(from = 0xc0, to = 0x17f) @CharRange(from = 0x2120, to = 0x2130) String h,
      @ForAll @StringLength(max = 3) @CharRange(from = 0x40, to = 0x7a)
      @CharRange(from = 0xc0, to = 0xff) String n) {
    byte[] hb = ByteStrings.cstr(h).getBytes(StandardCharsets.UTF_8);
    byte[] nb = ByteStrings.cstr(n).getBytes(StandardCharsets.UTF_8);
    boolean expected = false;
    for (int start = 0; start + nb.length <= hb.length && !expected; start++) {
      boolean same = true;
      for (int j = 0; j < nb.length && same; j++) {
        same = lower(hb[start + j]) == lower(nb[j]);
      }
      expected = same;
    }
    assertThat(ByteStrings.containsIgnoreCase(h, n)).as("%s in %s", n, h).isEqualTo(expected);
  }

  private static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
  }

  @Property(tries = 500)
  void byteLengthIsUtf8Length(@ForAll String s) {
    String c = ByteStrings.cstr(s);
    assertThat(ByteStrings.byteLength(s))
        .isEqualTo(c.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void containsAndAffixes() {
    assertThat(ByteStrings.contains("kube-system", "system")).isTrue();
    assertThat(ByteStrings.contains("kube-system", "")).isTrue();
    assertThat(ByteStrings.contains("", "")).isTrue();
    assertThat(ByteStrings.contains("abc", "abcd")).isFalse();
    assertThat(ByteStrings.contains("ab\0cd", "cd")).isFalse();
    assertThat(ByteStrings.startsWith("/etc/passwd", "/etc/")).isTrue();
    assertThat(ByteStrings.startsWith("/et", "/etc")).isFalse();
    assertThat(ByteStrings.startsWith("x", "")).isTrue();
    assertThat(ByteStrings.endsWith("pod.yaml", ".yaml")).isTrue();
    assertThat(ByteStrings.endsWith("yaml", "x.yaml")).isFalse();
    assertThat(ByteStrings.endsWith("é", "\u00a9")).isFalse();
  }

  @Test
  void containsIgnoreCaseFoldsAsciiOnly() {
    assertThat(ByteStrings.containsIgnoreCase("Kube-SYSTEM", "system")).isTrue();
    assertThat(ByteStrings.containsIgnoreCase("abc", "ABC")).isTrue();
    assertThat(ByteStrings.containsIgnoreCase("abc", "")).isTrue();
    assertThat(ByteStrings.containsIgnoreCase("", "a")).isFalse();
    assertThat(ByteStrings.containsIgnoreCase("ab", "abc")).isFalse();
    assertThat(ByteStrings.containsIgnoreCase("ÉCOLE", "école")).isFalse();
    assertThat(ByteStrings.containsIgnoreCase("xÉcole", "Écol")).isTrue();
    // The Kelvin sign folds to 'k' in Unicode, not in the C locale.
    assertThat(ByteStrings.containsIgnoreCase("\u212a", "k")).isFalse();
    assertThat(ByteStrings.containsIgnoreCase("a[b", "A[B")).isTrue();
  }

  @Test
  void cstrCutsAtFirstNul() {
    assertThat(ByteStrings.cstr("abc")).isEqualTo("abc");
    assertThat(ByteStrings.cstr("a\0b\0c")).isEqualTo("a");
    assertThat(ByteStrings.cstr("\0")).isEmpty();
  }

  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
