package dev.peregrine.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A precompiled POSIX {@code fnmatch(3)} pattern, as used by the {@code glob} (flags 0) and
 * {@code iglob} ({@code FNM_CASEFOLD}) operators.
 *
 * <p>Matching works on the UTF-8 bytes of pattern and subject, like glibc in the "C" locale:
 * {@code ?} and a bracket expression each match exactly one byte, so {@code ?} does not match a
 * two-byte character. Without {@code FNM_PATHNAME} and {@code FNM_PERIOD}, {@code *} matches any
 * byte sequence including {@code /} and a leading dot.
 *
 * <p>Pattern syntax, following glibc:
 *
 * <ul>
 *   <li>{@code \c} matches {@code c} literally; a trailing lone backslash never matches.
 *   <li>{@code [set]}, negated by {@code !} or {@code ^}; a {@code ]} right after the opening
 *       (and the optional negation) is a member; {@code a-z} ranges compare byte values; {@code \}
 *       escapes inside the set; {@code [:alpha:]} and the other eleven C-locale classes. An
 *       unknown class name makes the bracket fail for any byte not matched by an earlier member.
 *   <li>A {@code [} without a closing {@code ]} is an ordinary character, unless the subject byte
 *       is matched by the would-be members (then glibc reports no match).
 *   <li>Not supported: collating symbols {@code [.x.]} and equivalence classes {@code [=x=]};
 *       their {@code [} is taken as an ordinary member.
 * </ul>
 *
 * <p>With case folding, ASCII letters in pattern and subject are compared in lower case
 * (including range bounds); character classes test the unfolded byte.
 *
 * <p>The pattern is compiled to a sequence of single-byte predicates and star markers, and
 * matched with the iterative greedy-star algorithm, which runs in O(pattern × subject) time in
 * the worst case and needs no recursion.
 */
final class Fnmatch {

  private static final int EOS = -1;
  private static final int CLASS_NAME_MAX = 256;

  /** One entry per pattern element; {@code null} stands for {@code *}. */
  private final ByteSet[] tokens;
  private final String pattern;
  private final boolean caseFold;

  private Fnmatch(ByteSet[] tokens, String pattern, boolean caseFold) {
    this.tokens = tokens;
    this.pattern = pattern;
    this.caseFold = caseFold;
  }

  /** Compiles {@code pattern}; never fails, since fnmatch has no syntax errors. */
  static Fnmatch compile(String pattern, boolean caseFold) {
    return new Compiler(pattern.getBytes(StandardCharsets.UTF_8), caseFold).run(pattern);
  }

  /** One-shot convenience for {@code fnmatch(pattern, subject, caseFold ? FNM_CASEFOLD : 0)}. */
  static boolean matches(String pattern, String subject, boolean caseFold) {
    return compile(pattern, caseFold).matches(subject);
  }

  String pattern() {
    return pattern;
  }

  boolean caseFold() {
    return caseFold;
  }

  /** True when the whole of {@code subject} matches the pattern. */
  boolean matches(String subject) {
    return matchBytes(subject.getBytes(StandardCharsets.UTF_8));
  }

  /** Same as {@link #matches(String)}, on raw bytes. */
  boolean matchBytes(byte[] s) {
    int p = 0;
    int i = 0;
    int starP = -1;
    int starI = -1;
    while (i < s.length) {
      if (p < tokens.length && tokens[p] == null) {
        starP = p++;
        starI = i;
      } else if (p < tokens.length && tokens[p].contains(s[i] & 0xff)) {
        p++;
        i++;
      } else if (starP >= 0) {
        p = starP + 1;
        i = ++starI;
      } else {
        return false;
      }
    }
    while (p < tokens.length && tokens[p] == null) {
      p++;
    }
    return p == tokens.length;
  }

  @Override
  public String toString() {
    return (caseFold ? "iglob " : "glob ") + pattern;
  }

  static int fold(int b) {
    return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
  }

  /** A set of byte values, 0..255. */
  static final class ByteSet {
    private final long[] bits = new long[4];

    static ByteSet of(int... bytes) {
      ByteSet set = new ByteSet();
      for (int b : bytes) {
        set.add(b);
      }
      return set;
    }

    static ByteSet all() {
      ByteSet set = new ByteSet();
      java.util.Arrays.fill(set.bits, -1L);
      return set;
    }

    void add(int b) {
      bits[b >>> 6] |= 1L << (b & 63);
    }

    boolean contains(int b) {
      return (bits[b >>> 6] & (1L << (b & 63))) != 0;
    }
  }

  /** Outcome of testing one subject byte against the members of a bracket, in order. */
  private enum Outcome { MATCH, NO_MATCH, ERROR }

  /** A bracket member: tests the unfolded byte {@code b} and its folded form {@code fb}. */
  private interface Member {
    /** Returns null for "not this member", or the outcome. */
    Outcome test(int b, int fb);
  }

  /** Translates pattern bytes into tokens. */
  private static final class Compiler {
    private final byte[] pat;
    private final boolean fold;
    private final List<ByteSet> out = new ArrayList<>();

    Compiler(byte[] pat, boolean fold) {
      this.pat = pat;
      this.fold = fold;
    }

    int at(int i) {
      return i < pat.length ? pat[i] & 0xff : EOS;
    }

    int f(int c) {
      return fold && c != EOS ? fold(c) : c;
    }

    Fnmatch run(String source) {
      int i = 0;
      while (i < pat.length) {
        int c = at(i++);
        switch (c) {
          case '*' -> {
            if (out.isEmpty() || out.get(out.size() - 1) != null) {
              out.add(null);
            }
          }
          case '?' -> out.add(ByteSet.all());
          case '\\' -> {
            if (i >= pat.length) {
              out.add(new ByteSet()); // trailing backslash: never matches
            } else {
              out.add(literal(at(i++)));
            }
          }
          case '[' -> i = bracket(i);
          default -> out.add(literal(c));
        }
      }
      return new Fnmatch(out.toArray(new ByteSet[0]), source, fold);
    }

    ByteSet literal(int c) {
      if (!fold) {
        return ByteSet.of(c);
      }
      ByteSet set = new ByteSet();
      for (int b = 0; b < 256; b++) {
        if (fold(b) == fold(c)) {
          set.add(b);
        }
      }
      return set;
    }

    /**
     * Parses a bracket whose {@code [} was just consumed; {@code i} is the index after it.
     * Emits one token and returns where compilation resumes.
     */
    int bracket(int i) {
      int start = i;
      boolean negated = at(i) == '!' || at(i) == '^';
      if (negated) {
        i++;
      }
      List<Member> members = new ArrayList<>();
      BracketEnd end = parseMembers(i, members);
      Outcome[] outcomes = evaluate(members);
      if (end.broken) {
        out.add(new ByteSet()); // glibc gives up on every subject byte
        return pat.length;
      }
      if (!end.terminated) {
        // An unterminated '[' is literal, unless a member already matched '['.
        out.add(outcomes['['] == Outcome.NO_MATCH ? ByteSet.of('[') : new ByteSet());
        return start;
      }
      ByteSet set = new ByteSet();
      for (int b = 0; b < 256; b++) {
        Outcome o = outcomes[b];
        if (o == Outcome.MATCH && !negated || o == Outcome.NO_MATCH && negated) {
          set.add(b);
        }
      }
      out.add(set);
      return end.next;
    }

    Outcome[] evaluate(List<Member> members) {
      Outcome[] outcomes = new Outcome[256];
      for (int b = 0; b < 256; b++) {
        outcomes[b] = Outcome.NO_MATCH;
        for (Member m : members) {
          Outcome o = m.test(b, f(b));
          if (o != null) {
            outcomes[b] = o;
            break;
          }
        }
      }
      return outcomes;
    }

    /** Where a bracket ended: {@code next} is the index after its {@code ]}. */
    record BracketEnd(boolean terminated, boolean broken, int next) {}

    BracketEnd parseMembers(int i, List<Member> members) {
      int c = at(i++);
      while (true) {
        if (c == EOS) {
          return new BracketEnd(false, false, i);
        }
        if (c == '\\') {
          if (at(i) == EOS) {
            return new BracketEnd(false, true, i);
          }
          c = at(i++);
        } else if (c == '[' && at(i) == ':') {
          int close = className(i + 1);
          if (close >= 0) {
            members.add(classMember(new String(pat, i + 1, close - i - 1,
                StandardCharsets.US_ASCII)));
            i = close + 2;
            c = at(i++);
            if (c == ']') {
              return new BracketEnd(true, false, i);
            }
            continue;
          }
          if (close == -2) {
            members.add((b, fb) -> Outcome.ERROR);
          }
          // otherwise '[' is an ordinary member
        }
        // c is a single member, possibly the start of a range
        int lo = f(c);
        boolean isRange = at(i) == '-' && at(i + 1) != EOS && at(i + 1) != ']';
        if (!isRange) {
          members.add((b, fb) -> fb == lo ? Outcome.MATCH : null);
          c = at(i++);
          if (c == '-' && at(i) != ']') {
            return new BracketEnd(false, true, i); // "[a-" at the end of the pattern
          }
        } else {
          i++; // the '-'
          int hi = at(i++);
          if (hi == '\\') {
            hi = at(i++);
          }
          if (hi == EOS) {
            return new BracketEnd(false, true, i);
          }
          int top = f(hi);
          members.add((b, fb) -> lo <= fb && fb <= top ? Outcome.MATCH : null);
          c = at(i++);
        }
        if (c == ']') {
          return new BracketEnd(true, false, i);
        }
      }
    }

    /**
     * Scans a class name starting at {@code i} (just after "[:"). Returns the index of the
     * closing ":]", -1 when this cannot be a class (the '[' is then a plain member), or -2 when
     * the name is too long (glibc then fails).
     */
    int className(int i) {
      for (int n = 0; ; n++) {
        if (n == CLASS_NAME_MAX) {
          return -2;
        }
        int c = at(i + n);
        if (c == ':' && at(i + n + 1) == ']') {
          return i + n;
        }
        if (c < 'a' || c >= 'z') {
          return -1;
        }
      }
    }

    Member classMember(String name) {
      CType type = CType.byName(name);
      if (type == null) {
        return (b, fb) -> Outcome.ERROR;
      }
      return (b, fb) -> type.test(b) ? Outcome.MATCH : null;
    }
  }

  /** The C-locale character classes of {@code <ctype.h>}; bytes 128..255 belong to none. */
  enum CType {
    ALNUM, ALPHA, BLANK, CNTRL, DIGIT, GRAPH, LOWER, PRINT, PUNCT, SPACE, UPPER, XDIGIT;

    static CType byName(String name) {
      for (CType t : values()) {
        if (t.name().toLowerCase(java.util.Locale.ROOT).equals(name)) {
          return t;
        }
      }
      return null;
    }

    boolean test(int b) {
      return switch (this) {
        case ALNUM -> ALPHA.test(b) || DIGIT.test(b);
        case ALPHA -> LOWER.test(b) || UPPER.test(b);
        case BLANK -> b == ' ' || b == '\t';
        case CNTRL -> b < 32 || b == 127;
        case DIGIT -> b >= '0' && b <= '9';
        case GRAPH -> b > 32 && b < 127;
        case LOWER -> b >= 'a' && b <= 'z';
        case PRINT -> b >= 32 && b < 127;
        case PUNCT -> GRAPH.test(b) && !ALNUM.test(b);
        case SPACE -> b == ' ' || (b >= '\t' && b <= '\r');
        case UPPER -> b >= 'A' && b <= 'Z';
        case XDIGIT -> DIGIT.test(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
      };
    }
  }
}
