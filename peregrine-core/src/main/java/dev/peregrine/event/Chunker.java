package dev.peregrine.event;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Cuts a stream into parts of whole lines, counting lines so that each part knows the number of
 * its first line. A read failure ends the stream: the bytes read before it form the last part,
 * whose stream fails the same way after them.
 */
final class Chunker {
  /** One part of the stream. */
  record Chunk(byte[] data, int length, long firstLine, boolean last, boolean plainLines,
      IOException failure) {
    /** The part's bytes, followed by the read failure if it ended the stream. */
    InputStream stream() {
      InputStream bytes = new ByteArrayInputStream(data, 0, length);
      return failure == null ? bytes : new SequenceInputStream(bytes, failing(failure));
    }
  }

  private final InputStream in;
  private final int target;
  private byte[] carry = new byte[0];
  private int carryLength;
  private long nextLine = 1;
  private boolean ended;
  private IOException failure;

  Chunker(InputStream in, int target) {
    this.in = in;
    this.target = target;
  }

  /** True when every part was handed out. */
  boolean exhausted() {
    return ended && carryLength == 0;
  }

  /**
   * The next part: at least {@code target} bytes (or all that is left) ending just after a
   * newline, or at the end of the stream.
   */
  Chunk next() {
    byte[] buf = Arrays.copyOf(carry, Math.max(target, carryLength) + ByteWindow.CHUNK);
    int len = carryLength;
    int searched = 0;
    while (!ended) {
      if (len >= target) {
        int nl = lastNewline(buf, searched, len);
        if (nl >= 0) {
          return split(buf, len, nl + 1);
        }
        searched = len;
      }
      if (len + ByteWindow.CHUNK > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + ByteWindow.CHUNK));
      }
      len += fill(buf, len);
    }
    return split(buf, len, len);
  }

  /**
   * Reads into {@code buf} at {@code off}; returns the count, 0 at the end or on failure. Reads
   * are of {@link ByteWindow#CHUNK} bytes like the sequential decoder's, so that a stream that
   * fails (a truncated gzip file) gives up the same bytes before failing.
   */
  private int fill(byte[] buf, int off) {
    try {
      int n = in.read(buf, off, ByteWindow.CHUNK);
      if (n >= 0) {
        return n;
      }
    } catch (IOException e) {
      failure = e;
    }
    ended = true;
    return 0;
  }

  /** The part {@code [0, end)} of {@code buf}; the rest up to {@code len} is carried over. */
  private Chunk split(byte[] buf, int len, int end) {
    carryLength = len - end;
    carry = carryLength == 0 ? new byte[0] : Arrays.copyOfRange(buf, end, len);
    long first = nextLine;
    nextLine += count(buf, end, '\n');
    boolean plain = count(buf, end, '\r') == 0 || noLoneCr(buf, end);
    boolean last = ended && carryLength == 0;
    return new Chunk(buf, end, first, last, plain, last ? failure : null);
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

  /** Occurrences of {@code b} in {@code buf[0, end)}, eight bytes at a time. */
  static long count(byte[] buf, int end, char b) {
    long pattern = (b & 0xffL) * 0x0101010101010101L;
    long n = 0;
    int i = 0;
    for (; i + 8 <= end; i += 8) {
      long x = (long) LONGS.get(buf, i) ^ pattern;
      // the high bit of each byte of x that is zero, and of no other byte
      n += Long.bitCount(~(((x & LOW7) + LOW7) | x | LOW7));
    }
    for (; i < end; i++) {
      if ((buf[i] & 0xff) == b) {
        n++;
      }
    }
    return n;
  }

  /** True when every carriage return in {@code buf[0, end)} is followed by a line feed. */
  private static boolean noLoneCr(byte[] buf, int end) {
    for (int i = 0; i < end; i++) {
      if (buf[i] == '\r' && (i + 1 == end || buf[i + 1] != '\n')) {
        return false;
      }
    }
    return true;
  }

  private static int lastNewline(byte[] buf, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static InputStream failing(IOException e) {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        throw e;
      }
    };
  }
}
