package dev.peregrine.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * Several source files laid end to end in one global offset space, so a single {@code int} can
 * name a place in any of them. Syntax-tree positions built from several files (a rule in one file
 * using a macro from another) stay resolvable to {@code file:line:col}.
 */
public final class SourceSet {
  private final List<SourceFile> files = new ArrayList<>();
  private final List<Integer> bases = new ArrayList<>();
  private int next = 0;

  /** Adds a file; returns its base offset (global position of its first character). */
  public synchronized int add(SourceFile file) {
    int base = next;
    files.add(file);
    bases.add(base);
    next = base + file.text().length() + 1;
    return base;
  }

  /** The base offset of a file previously added. */
  public synchronized int base(SourceFile file) {
    for (int i = 0; i < files.size(); i++) {
      if (files.get(i) == file) {
        return bases.get(i);
      }
    }
    throw new IllegalArgumentException("file not in this set: " + file.name());
  }

  /** The file holding a global position, or null for a negative or unknown position. */
  public synchronized SourceFile file(int globalPos) {
    int i = indexOf(globalPos);
    return i < 0 ? null : files.get(i);
  }

  /** The position within its file of a global position ({@link Position#UNKNOWN} if none). */
  public synchronized Position position(int globalPos) {
    int i = indexOf(globalPos);
    return i < 0 ? Position.UNKNOWN : files.get(i).position(globalPos - bases.get(i));
  }

  /** Convenience: an issue located at a global position. */
  public Issue issue(Severity severity, String code, int globalPos, String message) {
    return new Issue(severity, code, file(globalPos), position(globalPos), message);
  }

  private int indexOf(int pos) {
    if (pos < 0) {
      return -1;
    }
    for (int i = files.size() - 1; i >= 0; i--) {
      if (pos >= bases.get(i)) {
        return i;
      }
    }
    return -1;
  }
}
