package dev.peregrine.event;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a stream from some absolute offset on: the part a parser may still have to
 * re-read after an error. Offsets are absolute positions in the stream. Bytes once held are
 * never changed in their array: to make room the window moves what it keeps into a new array,
 * so events may refer to the bytes they were read from (their strings, their text) for as long
 * as they are in use.
 */
final class ByteWindow {
  static final int CHUNK = 64 * 1024;
  /** Size of a window's array while it holds little. */
  private static final int BUFFER = 2 * CHUNK;

  private byte[] buf;
  private int off;
  private int len;
  private long start;
  private long total;
  /** True when the window holds the whole input: there is nothing more to read. */
  private final boolean whole;

  /** An empty window to be filled from a stream. */
  ByteWindow() {
    this.buf = new byte[BUFFER];
    this.whole = false;
  }

  /** A window over the whole input {@code data[off, off + len)}, used in place, not copied. */
  ByteWindow(byte[] data, int off, int len) {
    this.buf = data;
    this.off = off;
    this.len = len;
    this.total = len;
    this.whole = true;
  }

  /** True when the window is the caller's whole input, used in place. */
  boolean whole() {
    return whole;
  }



  long start() {
    return start;
  }

  long end() {
    return start + len;
  }

  /** Bytes read from the stream so far. */
  long total() {
    return total;
  }

  byte[] array() {
    return buf;
  }

  /** Array index of absolute offset {@code abs}. */
  int index(long abs) {
    return off + (int) (abs - start);
  }

  /** Reads up to one chunk at the end; returns the count, or -1 at end of stream. */
  int fill(InputStream in) throws IOException {
    if (whole) {
      return -1;
    }
    makeRoom();
    int n = in.read(buf, off + len, CHUNK);
    if (n > 0) {
      len += n;
      total += n;
    }
    return n;
  }

  /** Forgets the bytes before {@code abs} (clamped to the window). */
  void discardBefore(long abs) {
    int k = (int) Math.min(Math.max(abs - start, 0), len);
    off += k;
    len -= k;
    start += k;
  }

  /** Absolute offset of the first {@code b} at or after {@code from}, or -1. */
  long indexOf(byte b, long from) {
    for (int i = index(Math.max(from, start)), e = off + len; i < e; i++) {
      if (buf[i] == b) {
        return start + (i - off);
      }
    }
    return -1;
  }

  /** Absolute offset of the last {@code b} at or after {@code from}, or -1. */
  long lastIndexOf(byte b, long from) {
    for (int i = off + len - 1, e = index(Math.max(from, start)); i >= e; i--) {
      if (buf[i] == b) {
        return start + (i - off);
      }
    }
    return -1;
  }

  /**
   * True when every byte in [from, to) is held and is a space or a tab, or a carriage return
   * just before {@code to} (the end of a line that a parser counts as one line break).
   */
  boolean blankLineTail(long from, long to) {
    if (from < start || to > end()) {
      return false;
    }
    for (int i = index(from), e = index(to); i < e; i++) {
      if (buf[i] != ' ' && buf[i] != '\t' && !(buf[i] == '\r' && i == e - 1)) {
        return false;
      }
    }
    return true;
  }

  /** True when every byte in [from, to) is held and is a space, tab or carriage return. */
  boolean blank(long from, long to) {
    if (from < start || to > end()) {
      return false;
    }
    for (int i = index(from), e = index(to); i < e; i++) {
      if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  private void makeRoom() {
    if (off + len + CHUNK <= buf.length) {
      return;
    }
    // always a new array, so that bytes already handed out (to events that hold their strings
    // as bytes) stay unchanged
    byte[] target;
    if (len + CHUNK > buf.length / 2) {
      target = new byte[Math.max(buf.length * 2, len + CHUNK)];
    } else if (buf.length > 8 * CHUNK && len < CHUNK) {
      target = new byte[BUFFER];
    } else {
      target = new byte[buf.length];
    }
    System.arraycopy(buf, off, target, 0, len);
    buf = target;
    off = 0;
  }
}
