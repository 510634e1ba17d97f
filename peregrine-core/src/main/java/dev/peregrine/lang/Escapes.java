package dev.peregrine.lang;

/**
 * Escape handling for quoted strings: decoding what the lexer read and encoding values for the
 * printer.
 *
 * <p>Recognised sequences: {@code \b \f \n \r \t} (control characters), {@code \\} (backslash),
 * {@code \/} (slash), {@code \"} (only inside a double-quoted string), {@code \'} (only inside a
 * single-quoted string), {@code \xHH} (the byte {@code 0xHH}) and backslash-space, which for
 * compatibility with old rules stands for a single backslash (the space is dropped). Anything else
 * is an error.
 *
 * <p>Strings are Java strings; a byte produced by {@code \xHH} is stored as the char with the same
 * number (U+0000 to U+00FF). Callers that need bytes should map such chars back one-to-one.
 */
final class Escapes {
  private Escapes() {}

  /**
   * Decodes a quoted token.
   *
   * @param raw the token including its opening and closing quote
   * @param offset where {@code raw} starts in the source, used to place errors
   * @return the content with escapes resolved
   * @throws ParseException on an unsupported or misplaced escape, positioned at its backslash
   */
  static String unescape(String raw, int offset) {
    char quote = raw.charAt(0);
    int end = raw.length() - 1;
    StringBuilder out = new StringBuilder(end);
    int i = 1;
    while (i < end) {
      char c = raw.charAt(i);
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      i = decodeEscape(raw, i, end, quote, offset, out);
    }
    return out.toString();
  }

  /** Decodes the escape whose backslash is at {@code at}; returns the index after it. */
  private static int decodeEscape(
      String raw, int at, int end, char quote, int offset, StringBuilder out) {
    char next = at + 1 < end ? raw.charAt(at + 1) : '\0';
    switch (next) {
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case '\\', ' ' -> out.append('\\');
      case '/' -> out.append('/');
      case '"', '\'' -> {
        if (next != quote) {
          String other = quote == '"' ? "\"" : "'";
          throw new ParseException(
              "invalid \\" + next + " escape in " + other + "-quoted string", offset + at);
        }
        out.append(next);
      }
      case 'x' -> {
        out.append(decodeHex(raw, at, end, offset));
        return at + 4;
      }
      default ->
          throw new ParseException("unsupported string escape sequence: \\" + next, offset + at);
    }
    return at + 2;
  }

  private static char decodeHex(String raw, int at, int end, int offset) {
    int hi = at + 2 < end ? Character.digit(raw.charAt(at + 2), 16) : -1;
    int lo = at + 3 < end ? Character.digit(raw.charAt(at + 3), 16) : -1;
    if (hi < 0 || lo < 0) {
      throw new ParseException(
          "invalid \\x escape sequence: expected two hexadecimal digits", offset + at);
    }
    return (char) (hi * 16 + lo);
  }

  /**
   * Encodes {@code text} as a double-quoted string that {@link #unescape} turns back into {@code
   * text}. A trailing backslash is written as backslash-space, because a quote right after an
   * escaped backslash would not close the string.
   */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append(i == text.length() - 1 ? "\\ " : "\\\\");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
