package dev.peregrine.field;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Query-parameter lookup with the acceptance rules of Go's {@code url.Parse} followed by
 * {@code url.ParseQuery}: any parse error makes the whole lookup fail.
 */
final class GoUrl {
  private GoUrl() {}

  /** The first value of query parameter {@code key} in {@code uri}, or null. */
  static String firstQueryValue(String uri, String key) {
    if (uri == null) {
      return null;
    }
    String rawQuery = rawQuery(uri);
    return rawQuery == null ? null : firstValue(rawQuery, key);
  }

  /** The raw query of {@code uri} ("" when none), or null when Go would reject the URI. */
  static String rawQuery(String uri) {
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return null;
      }
    }
    String rest = uri;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      if (unescape(rest.substring(hash + 1), false) == null) {
        return null;
      }
      rest = rest.substring(0, hash);
    }
    if (rest.equals("*")) {
      return "";
    }
    int schemeEnd = schemeEnd(rest);
    if (schemeEnd == 0) {
      return null;
    }
    boolean hasScheme = schemeEnd > 0;
    if (hasScheme) {
      rest = rest.substring(schemeEnd + 1);
    }
    String query = "";
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    return validPathPart(rest, hasScheme) ? query : null;
  }

  /**
   * Index of the scheme's ':' ({@code letter (letter|digit|+|-|.)* ':'}), 0 for a URI that starts
   * with ':' (rejected by Go), or -1 when there is no scheme.
   */
  private static int schemeEnd(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      boolean other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
      if (letter || (other && i > 0)) {
        continue;
      }
      return c == ':' ? i : -1;
    }
    return -1;
  }

  private static boolean validPathPart(String rest, boolean hasScheme) {
    if (!rest.startsWith("/")) {
      if (hasScheme) {
        return true;
      }
      int colon = rest.indexOf(':');
      int slash = rest.indexOf('/');
      if (colon >= 0 && (slash < 0 || colon < slash)) {
        return false;
      }
    }
    String path = rest;
    if ((hasScheme || !rest.startsWith("///")) && rest.startsWith("//")) {
      int end = rest.indexOf('/', 2);
      String authority = end < 0 ? rest.substring(2) : rest.substring(2, end);
      if (!validPort(authority)) {
        return false;
      }
      path = end < 0 ? "" : rest.substring(end);
    }
    return unescape(path, false) != null;
  }

  private static boolean validPort(String authority) {
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = host.lastIndexOf(':');
    if (colon < 0 || host.lastIndexOf(']') > colon) {
      return true;
    }
    for (int i = colon + 1; i < host.length(); i++) {
      if (host.charAt(i) < '0' || host.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** Go's {@code ParseQuery}: the first value of {@code key}, or null on any error. */
  private static String firstValue(String rawQuery, String key) {
    String found = null;
    for (String part : rawQuery.split("&", -1)) {
      if (part.indexOf(';') >= 0) {
        return null;
      }
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String k = unescape(eq < 0 ? part : part.substring(0, eq), true);
      String v = unescape(eq < 0 ? "" : part.substring(eq + 1), true);
      if (k == null || v == null) {
        return null;
      }
      if (found == null && k.equals(key)) {
        found = v;
      }
    }
    return found;
  }

  /** Percent-decoding ({@code +} is a space in query mode); null on a malformed escape. */
  static String unescape(String s, boolean query) {
    if (s.indexOf('%') < 0 && !(query && s.indexOf('+') >= 0)) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == '%') {
        if (i + 2 >= bytes.length) {
          return null;
        }
        int hi = Character.digit(bytes[i + 1], 16);
        int lo = Character.digit(bytes[i + 2], 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        out.write(query && b == '+' ? ' ' : b);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
