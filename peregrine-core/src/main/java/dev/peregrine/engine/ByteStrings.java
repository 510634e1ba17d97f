package dev.peregrine.engine;

/**
 * C string primitives ({@code strcmp}, {@code strstr}, {@code strcasestr}, prefix and suffix
 * tests) over Java strings, with the results libsinsp gets on the UTF-8 bytes.
 *
 * <p>libsinsp compares string fields as NUL-terminated C strings, so every function here first
 * cuts its arguments at the first U+0000 ({@link #cstr}). Values without NUL are unaffected.
 *
 * <p>Why UTF-16 code units can stand in for UTF-8 bytes:
 *
 * <ul>
 *   <li>Equality, substring, prefix and suffix tests give the same answer on well-formed UTF-16
 *       as on its UTF-8 encoding, because both encodings are self-synchronising: a match cannot
 *       start or end inside a character. So {@link String#contains}, {@link String#startsWith}
 *       and {@link String#endsWith} are used directly.
 *   <li>Ordering differs: UTF-8 byte order is code point order, while {@link String#compareTo}
 *       puts supplementary characters (surrogates, 0xD800..0xDFFF) before U+E000..U+FFFF.
 *       {@link #compare} fixes the first differing unit up so the result is code point order.
 *   <li>{@code strcasestr} in the C locale folds only ASCII letters; every other byte, including
 *       all bytes of multi-byte characters, compares exactly. {@link #containsIgnoreCase} folds
 *       only {@code A-Z}, unlike {@link String#equalsIgnoreCase}, which folds all of Unicode.
 * </ul>
 *
 * <p>Lone surrogates (not producible from valid UTF-8) are ordered by their code unit value.
 */
final class ByteStrings {

  private ByteStrings() {}

  /** The C-string view of {@code s}: everything before the first U+0000, or all of it. */
  static String cstr(String s) {
    int nul = s.indexOf('\0');
    return nul < 0 ? s : s.substring(0, nul);
  }

  /**
   * {@code strcmp} over the UTF-8 bytes of the C-string views: negative, zero or positive
   * (only the sign is meaningful).
   */
  static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x == 0) {
          return -1;
        }
        if (y == 0) {
          return 1;
        }
        return Integer.compare(codePointOrder(x), codePointOrder(y));
      }
      if (x == 0) {
        return 0; // both strings end here as C strings
      }
    }
    if (a.length() == b.length()) {
      return 0;
    }
    // The longer one is greater unless it continues with NUL (end of its C string).
    return a.length() > b.length() ? (a.charAt(n) == 0 ? 0 : 1) : (b.charAt(n) == 0 ? 0 : -1);
  }

  /** {@code strcmp(a, b) == 0}. */
  static boolean equal(String a, String b) {
    return cstr(a).equals(cstr(b));
  }

  /** {@code strstr(haystack, needle) != NULL}; an empty needle is always found. */
  static boolean contains(String haystack, String needle) {
    return cstr(haystack).contains(cstr(needle));
  }

  /** {@code strncmp(s, prefix, strlen(prefix)) == 0}. */
  static boolean startsWith(String s, String prefix) {
    return cstr(s).startsWith(cstr(prefix));
  }

  /** True when the C string {@code s} ends with the C string {@code suffix}. */
  static boolean endsWith(String s, String suffix) {
    return cstr(s).endsWith(cstr(suffix));
  }

  /**
   * {@code strcasestr(haystack, needle) != NULL} with ASCII-only case folding: a plain search of
   * the folded needle in the folded haystack, since folding maps each unit to one unit.
   */
  static boolean containsIgnoreCase(String haystack, String needle) {
    return lowerAscii(cstr(haystack)).contains(lowerAscii(cstr(needle)));
  }

  /** {@code s} with {@code A-Z} lowered and every other unit kept; {@code s} itself if none. */
  static String lowerAscii(String s) {
    int i = 0;
    while (i < s.length() && (s.charAt(i) < 'A' || s.charAt(i) > 'Z')) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    char[] out = s.toCharArray();
    for (; i < out.length; i++) {
      out[i] = toLowerAscii(out[i]);
    }
    return new String(out);
  }

  /** The number of UTF-8 bytes of the C-string view of {@code s} ({@code strlen}). */
  static int byteLength(String s) {
    int len = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        break;
      } else if (c < 0x80) {
        len += 1;
      } else if (c < 0x800) {
        len += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        len += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        len += 1; // a lone surrogate is encoded as '?' by the JDK
      } else {
        len += 3;
      }
    }
    return len;
  }

  static char toLowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  static char toUpperAscii(char c) {
    return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
  }

  /** Maps a UTF-16 unit so that unit order at a first difference equals code point order. */
  private static int codePointOrder(char c) {
    if (c >= 0xD800) {
      return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
    return c;
  }
}
