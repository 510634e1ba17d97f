package dev.peregrine.diag;

import java.util.Arrays;

/**
 * A named text (a rules file, a condition, an input file) with a line index, so offsets can be
 * turned into {@code line:col} and a source line for caret snippets.
 */
public final class SourceFile {
  private final String name;
  private final String text;
  private final int[] lineStarts;

  public SourceFile(String name, String text) {
    this.name = name;
    this.text = text;
    int[] starts = new int[16];
    int n = 0;
    starts[n++] = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  public String name() {
    return name;
  }

  public String text() {
    return text;
  }

  /** The position of a character offset (clamped to the text). Lines and columns are 1-based. */
  public Position position(int offset) {
    int off = Math.max(0, Math.min(offset, text.length()));
    int idx = Arrays.binarySearch(lineStarts, off);
    int line = idx >= 0 ? idx : -idx - 2;
    return new Position(off, line + 1, off - lineStarts[line] + 1);
  }

  /** The text of a 1-based line, without its line terminator. */
  public String line(int line) {
    if (line < 1 || line > lineStarts.length) {
      return "";
    }
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(start, Math.max(start, end));
  }

  public int lineCount() {
    return lineStarts.length;
  }

  @Override
  public String toString() {
    return name;
  }
}
