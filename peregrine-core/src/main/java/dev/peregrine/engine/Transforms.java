package dev.peregrine.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The value-level functions behind the condition language's transformers: {@code tolower},
 * {@code toupper}, {@code b64}, {@code basename}, {@code len}, {@code join}, {@code concat} and
 * {@code getopt}.
 *
 * <p>{@code null} stands for an absent value, in arguments and results: a transformer of an
 * absent value is absent, and {@code b64} makes a value absent when it cannot decode it. String
 * results follow C-string rules like the rest of the engine: libsinsp passes transformed values
 * on as NUL-terminated strings, so anything after a U+0000 is dropped.
 *
 * <p>{@link #checkArguments} reproduces the compile-time argument checks of the multi-value
 * transformers, with libsinsp's messages.
 */
final class Transforms {

  private Transforms() {}

  /** The shape of a transformer argument, as known when compiling. */
  record ArgShape(boolean isList, boolean isString) {
    static final ArgShape STRING = new ArgShape(false, true);
    static final ArgShape STRING_LIST = new ArgShape(true, true);
  }

  /**
   * ASCII lower case, character by character; like C {@code tolower} in the "C" locale, bytes
   * outside {@code A-Z} (including every byte of a multi-byte character) are unchanged.
   */
  static String tolower(String s) {
    if (s == null) {
      return null;
    }
    char[] out = s.toCharArray();
    for (int i = 0; i < out.length; i++) {
      out[i] = ByteStrings.toLowerAscii(out[i]);
    }
    return new String(out);
  }

  /** ASCII upper case; the mirror image of {@link #tolower}. */
  static String toupper(String s) {
    if (s == null) {
      return null;
    }
    char[] out = s.toCharArray();
    for (int i = 0; i < out.length; i++) {
      out[i] = ByteStrings.toUpperAscii(out[i]);
    }
    return new String(out);
  }

  /**
   * Decodes standard base64 the way libsinsp's {@code Base64::decodeWithoutPadding} does.
   *
   * <ul>
   *   <li>Alphabet {@code A-Z a-z 0-9 + /} only: no URL-safe {@code - _}, no whitespace.
   *   <li>Padding is optional: up to two trailing {@code =} are ignored whatever their number,
   *       so {@code YQ}, {@code YQ=} and {@code YQ==} all give {@code a}; {@code =} anywhere
   *       else is an error.
   *   <li>After padding is removed, a length of 4k+1 is an error, and the unused low bits of the
   *       last character must be zero ({@code YR==} is rejected).
   *   <li>The empty string decodes to the empty string; {@code =} and {@code ==} are errors.
   * </ul>
   *
   * <p>The decoded bytes are read as UTF-8 up to the first NUL byte (malformed sequences become
   * U+FFFD, which is where this class can differ from byte-exact libsinsp).
   *
   * @return the decoded text, or {@code null} (absent) when {@code s} is absent or not valid
   */
  static String b64(String s) {
    if (s == null) {
      return null;
    }
    String in = trimTrailingNuls(s);
    int n = in.length();
    if (n > 0 && in.charAt(n - 1) == '=') {
      n--;
      if (n > 0 && in.charAt(n - 1) == '=') {
        n--;
      }
    }
    if (in.isEmpty()) {
      return "";
    }
    if (n == 0 || n % 4 == 1) {
      return null;
    }
    byte[] out = new byte[n / 4 * 3 + Math.max(0, n % 4 - 1)];
    int bits = 0;
    int nbits = 0;
    int o = 0;
    for (int i = 0; i < n; i++) {
      int v = b64Value(in.charAt(i));
      if (v < 0) {
        return null;
      }
      bits = (bits << 6) | v;
      nbits += 6;
      if (nbits >= 8) {
        nbits -= 8;
        out[o++] = (byte) (bits >>> nbits);
        bits &= (1 << nbits) - 1;
      }
    }
    if (bits != 0) {
      return null; // non-zero leftover bits in the last character
    }
    return utf8UpToNul(out);
  }

  /**
   * The part after the last {@code /}; the whole string if it has none. A trailing slash gives
   * the empty string ({@code /a/b/} gives {@code ""}), unlike the shell's {@code basename}.
   */
  static String basename(String s) {
    if (s == null) {
      return null;
    }
    String c = ByteStrings.cstr(s);
    return c.substring(c.lastIndexOf('/') + 1);
  }

  /** {@code len} of a string: its length in UTF-8 bytes, up to the first NUL. */
  static Long len(String s) {
    return s == null ? null : (long) ByteStrings.byteLength(s);
  }

  /**
   * {@code len} of a list: the number of elements. The caller passes {@code null} for an absent
   * list; a k8saudit list with no elements is absent too, so {@code len} never yields 0 for it.
   */
  static Long len(List<String> list) {
    return list == null ? null : (long) list.size();
  }

  /**
   * {@code join(sep, list)}: the elements (each cut at its first NUL) separated by {@code sep}.
   * Absent when either argument is absent; an empty list gives the empty string.
   */
  static String join(String sep, List<String> list) {
    if (sep == null || list == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        sb.append(sep);
      }
      sb.append(ByteStrings.cstr(list.get(i)));
    }
    return ByteStrings.cstr(sb.toString());
  }

  /**
   * {@code concat(a, b, ...)}: the arguments' values joined without separator. Each element of
   * {@code args} holds the values extracted for one argument; libsinsp only accepts scalar string
   * arguments (see {@link #checkArguments}) and uses the first value of each. Absent as soon as
   * one argument is absent ({@code null} or no value).
   */
  static String concat(List<List<String>> args) {
    StringBuilder sb = new StringBuilder();
    for (List<String> values : args) {
      if (values == null || values.isEmpty() || values.get(0) == null) {
        return null;
      }
      sb.append(ByteStrings.cstr(values.get(0)));
    }
    return sb.toString();
  }

  /** {@link #concat} for arguments that are already scalars ({@code null} = absent). */
  static String concatScalars(List<String> args) {
    StringBuilder sb = new StringBuilder();
    for (String v : args) {
      if (v == null) {
        return null;
      }
      sb.append(ByteStrings.cstr(v));
    }
    return sb.toString();
  }

  /**
   * {@code getopt(args, optstring)}: scans an argument vector with POSIX {@code getopt} rules
   * and lists what it finds.
   *
   * <p>{@code optstring} lists the option letters; a letter followed by {@code :} takes a value.
   * A leading {@code :} is allowed and has no effect on the result. Scanning starts at the first
   * element (there is no program name to skip) and:
   *
   * <ul>
   *   <li>stops at {@code --}, at {@code -} alone, at the empty string and at the first element
   *       not starting with {@code -};
   *   <li>skips long options ({@code --name}, three characters or more);
   *   <li>reads clusters like {@code -nt}; each known option without value adds its letter, an
   *       unknown letter (or {@code :}) adds {@code ?};
   *   <li>an option that takes a value adds its letter and then the value: the rest of the
   *       element ({@code -tvalue}) or else the next element ({@code -t value}, even if that
   *       starts with {@code -}). With no value left, it adds just the empty string.
   * </ul>
   *
   * <p>Example: {@code getopt([-n, -t, x, -q, file], "nt:")} is {@code [n, t, x, ?]}.
   *
   * @return the result list (possibly empty), or {@code null} when an argument is absent
   */
  static List<String> getopt(List<String> args, String optstring) {
    if (args == null || optstring == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    scan(args, new OptSpec(optstring), (opt, value) -> {
      if (opt == 0) {
        out.add("?");
      } else if (value == null) {
        out.add(String.valueOf(opt));
      } else if (value.isMissing()) {
        out.add("");
      } else {
        out.add(String.valueOf(opt));
        out.add(value.text());
      }
    });
    return out;
  }

  /**
   * {@code getopt(args, optstring)[c]}: the value of the last occurrence of option {@code c}, or
   * its letter when it takes no value, or {@code ""} when its value is missing; absent when
   * {@code c} does not occur.
   */
  static String getopt(List<String> args, String optstring, char selector) {
    if (args == null || optstring == null) {
      return null;
    }
    String[] last = new String[1];
    scan(args, new OptSpec(optstring), (opt, value) -> {
      if (opt == selector) {
        last[0] = value == null ? String.valueOf(opt) : value.isMissing() ? "" : value.text();
      }
    });
    return last[0];
  }

  /**
   * Checks the arguments of {@code join}, {@code concat} or {@code getopt}.
   *
   * @throws IllegalArgumentException with libsinsp's message when they do not fit
   */
  static void checkArguments(String name, List<ArgShape> args) {
    switch (name) {
      case "join" -> {
        require(args.size() == 2, "join() requires exactly 2 arguments: separator and list");
        require(!args.get(0).isList(),
            "join() first argument (separator) must be a single value, not a list");
        require(args.get(1).isList(), "join() second argument must be a list");
      }
      case "concat" -> {
        require(args.size() >= 2, "concat() requires at least 2 arguments");
        for (ArgShape a : args) {
          require(a.isString() && !a.isList(), "concat() arguments must be strings");
        }
      }
      case "getopt" -> {
        require(args.size() == 2,
            "getopt() requires exactly 2 arguments: args list and optstring");
        require(args.get(0).isList(), "getopt() first argument must be a list");
        require(!args.get(1).isList(),
            "getopt() second argument (optstring) must be a single value");
        require(args.get(0).isString() && args.get(1).isString(),
            "getopt() arguments must be strings");
      }
      default -> throw new IllegalArgumentException("unknown multivalue transformer");
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** An option value: the text, or missing (the option was last and had nothing after it). */
  private record OptValue(String text) {
    boolean isMissing() {
      return text == null;
    }
  }

  /** Receives each option found: {@code opt == 0} for an unknown one; value null if none. */
  private interface OptSink {
    void accept(char opt, OptValue value);
  }

  /** The parsed optstring. */
  private static final class OptSpec {
    private final BitSet valid = new BitSet(128);
    private final BitSet takesValue = new BitSet(128);

    OptSpec(String optstring) {
      int i = optstring.startsWith(":") ? 1 : 0;
      for (; i < optstring.length(); i++) {
        char c = optstring.charAt(i);
        if (c == ':') {
          continue;
        }
        valid.set(c);
        if (i + 1 < optstring.length() && optstring.charAt(i + 1) == ':') {
          takesValue.set(c);
          i++;
        }
      }
    }
  }

  private static void scan(List<String> args, OptSpec spec, OptSink sink) {
    for (int a = 0; a < args.size(); a++) {
      String arg = args.get(a) == null ? "" : args.get(a);
      if (arg.equals("--")) {
        return;
      }
      if (arg.length() > 2 && arg.startsWith("--")) {
        continue;
      }
      if (arg.length() < 2 || arg.charAt(0) != '-') {
        return;
      }
      for (int i = 1; i < arg.length(); i++) {
        char opt = arg.charAt(i);
        if (opt == ':' || !spec.valid.get(opt)) {
          sink.accept((char) 0, null);
          continue;
        }
        if (!spec.takesValue.get(opt)) {
          sink.accept(opt, null);
          continue;
        }
        if (i + 1 < arg.length()) {
          sink.accept(opt, new OptValue(arg.substring(i + 1)));
        } else if (a + 1 < args.size()) {
          a++;
          sink.accept(opt, new OptValue(args.get(a) == null ? "" : args.get(a)));
        } else {
          sink.accept(opt, new OptValue(null));
        }
        break;
      }
    }
  }

  private static int b64Value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    } else if (c == '+') {
      return 62;
    } else if (c == '/') {
      return 63;
    }
    return -1;
  }

  private static String trimTrailingNuls(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '\0') {
      end--;
    }
    return s.substring(0, end);
  }

  private static String utf8UpToNul(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }
}
