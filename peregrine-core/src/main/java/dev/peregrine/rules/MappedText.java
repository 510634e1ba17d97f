package dev.peregrine.rules;

import java.util.Arrays;

/**
 * A piece of condition text where every character remembers the global offset (in the load's
 * {@link dev.peregrine.diag.SourceSet}) it came from. {@code pos} has one extra entry for the end
 * of the text.
 */
record MappedText(String text, int[] pos) {
  MappedText {
    if (pos.length != text.length() + 1) {
      throw new IllegalArgumentException("position map does not match text");
    }
  }

  /** Text whose characters all map to one place (generated text). */
  static MappedText of(String text, int at) {
    int[] p = new int[text.length() + 1];
    Arrays.fill(p, at);
    return new MappedText(text, p);
  }

  int length() {
    return text.length();
  }

  boolean isEmpty() {
    return text.isEmpty();
  }

  /** The global offset of character {@code i} (clamped to the text, end included). */
  int at(int i) {
    return pos[Math.max(0, Math.min(i, text.length()))];
  }

  int start() {
    return pos[0];
  }

  /** {@code this + " " + other}, the space mapping to the start of {@code other}. */
  MappedText joinWithSpace(MappedText other) {
    return new Builder().add(this).add(" ", other.start()).add(other).build();
  }

  @Override
  public String toString() {
    return text;
  }

  /** Builds a mapped text piece by piece. */
  static final class Builder {
    private final StringBuilder sb = new StringBuilder();
    private int[] pos = new int[32];
    private int end = -1;

    Builder add(String s, int at) {
      for (int i = 0; i < s.length(); i++) {
        push(s.charAt(i), at);
      }
      if (!s.isEmpty() || end < 0) {
        end = at;
      }
      return this;
    }

    Builder add(MappedText t) {
      return add(t, 0, t.length());
    }

    Builder add(MappedText t, int from, int to) {
      for (int i = from; i < to; i++) {
        push(t.text().charAt(i), t.pos()[i]);
      }
      if (to > from || end < 0) {
        end = t.at(to);
      }
      return this;
    }

    int length() {
      return sb.length();
    }

    MappedText build() {
      int n = sb.length();
      int[] p = Arrays.copyOf(pos, n + 1);
      p[n] = end < 0 ? 0 : end;
      return new MappedText(sb.toString(), p);
    }

    private void push(char c, int at) {
      if (sb.length() == pos.length) {
        pos = Arrays.copyOf(pos, pos.length * 2);
      }
      pos[sb.length()] = at;
      sb.append(c);
    }
  }
}
