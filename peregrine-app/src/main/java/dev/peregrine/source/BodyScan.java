package dev.peregrine.source;

import java.util.Optional;

/**
 * One fast pass over a JSON body that enforces the nesting and string-length limits before any
 * tree is built, reporting the byte offset of the first violation. It does not validate syntax.
 */
final class BodyScan {
  private BodyScan() {}

  /** A limit violation at {@code offset} (0-based byte offset in the body). */
  record Violation(long offset, String reason) {}

  static Optional<Violation> check(byte[] body, int maxDepth, long maxString) {
    int depth = 0;
    int i = 0;
    int n = body.length;
    while (i < n) {
      byte b = body[i];
      if (b == '"') {
        int start = i++;
        while (i < n && body[i] != '"') {
          i += body[i] == '\\' ? 2 : 1;
        }
        if (i - start - 1 > maxString) {
          return Optional.of(new Violation(start,
              "string longer than " + maxString + " bytes"));
        }
      } else if (b == '{' || b == '[') {
        if (++depth > maxDepth) {
          return Optional.of(new Violation(i, "JSON nested deeper than " + maxDepth));
        }
      } else if (b == '}' || b == ']') {
        depth--;
      }
      i++;
    }
    return Optional.empty();
  }
}
