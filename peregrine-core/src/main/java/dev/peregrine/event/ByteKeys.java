package dev.peregrine.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A small table from object keys to selections, searched by the key's UTF-8 bytes, so that a
 * reader can tell whether a member is kept before (or without) making a String of its name.
 * Keys are grouped by byte length; a lookup compares the first eight bytes of the few keys of
 * that length as one word, and the rest only for longer keys.
 */
final class ByteKeys {
  private static final int[] NONE = new int[0];
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final String[] names;
  private final byte[][] bytes;
  private final Selection[] selections;
  /** The first eight bytes of each key, little-endian, zero beyond its end. */
  private final long[] prefixes;
  /** For keys longer than eight bytes, {@link #rest} of their bytes; else null. */
  private final long[][] rests;
  /** Indexes of the keys of each byte length. */
  private final int[][] byLength;

  /** The table of {@code keys}; a null selection means the member is left out. */
  ByteKeys(Map<String, Selection> keys) {
    int n = keys.size();
    names = keys.keySet().toArray(new String[0]);
    Arrays.sort(names);
    bytes = new byte[n][];
    selections = new Selection[n];
    prefixes = new long[n];
    rests = new long[n][];
    int longest = 0;
    for (int i = 0; i < n; i++) {
      bytes[i] = names[i].getBytes(StandardCharsets.UTF_8);
      selections[i] = keys.get(names[i]);
      prefixes[i] = word(bytes[i], 0, bytes[i].length);
      rests[i] = bytes[i].length > 8 ? rest(bytes[i], 0, bytes[i].length) : null;
      longest = Math.max(longest, bytes[i].length);
    }
    byLength = new int[longest + 1][];
    Arrays.fill(byLength, NONE);
    for (int i = 0; i < n; i++) {
      int[] same = byLength[bytes[i].length];
      same = Arrays.copyOf(same, same.length + 1);
      same[same.length - 1] = i;
      byLength[bytes[i].length] = same;
    }
  }

  /** The index of the key whose UTF-8 bytes are {@code b[from, to)}, or -1. */
  int find(byte[] b, int from, int to) {
    int len = to - from;
    if (len >= byLength.length) {
      return -1;
    }
    int[] same = byLength[len];
    if (same.length == 0 || len == 0) {
      return same.length == 0 ? -1 : same[0];
    }
    long w = word(b, from, to);
    for (int i : same) {
      if (prefixes[i] == w && (len <= 8 || sameRest(rests[i], b, from, len))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The bytes after the first eight of {@code b[from, from + len)} ({@code len > 8}) as words:
   * those at 8, 16, ... that end before the last byte, then the eight bytes that end with it
   * (overlapping the one before), so that equal lengths and equal words mean equal bytes.
   */
  private static long[] rest(byte[] b, int from, int len) {
    long[] words = new long[(len - 1) / 8];
    int k = 0;
    for (int off = 8; off + 8 < len; off += 8) {
      words[k++] = (long) LONGS.get(b, from + off);
    }
    words[k] = (long) LONGS.get(b, from + len - 8);
    return words;
  }

  /** True when {@code b[from, from + len)} has the {@link #rest} {@code words}. */
  private static boolean sameRest(long[] words, byte[] b, int from, int len) {
    int k = 0;
    for (int off = 8; off + 8 < len; off += 8) {
      if ((long) LONGS.get(b, from + off) != words[k++]) {
        return false;
      }
    }
    return (long) LONGS.get(b, from + len - 8) == words[k];
  }

  /** The first (up to) eight bytes of {@code b[from, to)}, little-endian, zero after them. */
  private static long word(byte[] b, int from, int to) {
    int len = to - from;
    if (from + 8 <= b.length) {
      long w = (long) LONGS.get(b, from);
      return len >= 8 ? w : w & ((1L << (len << 3)) - 1);
    }
    long w = 0;
    for (int k = Math.min(len, 8) - 1; k >= 0; k--) {
      w = w << 8 | (b[from + k] & 0xff);
    }
    return w;
  }

  /** The key at {@code index}. */
  String name(int index) {
    return names[index];
  }

  /** The selection for the key at {@code index}; null when that member is left out. */
  Selection selection(int index) {
    return selections[index];
  }
}
