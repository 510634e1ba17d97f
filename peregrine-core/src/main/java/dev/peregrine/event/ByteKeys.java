package dev.peregrine.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A small table from object keys to selections, searched by the key's UTF-8 bytes, so that a
 * reader can tell whether a member is kept before (or without) making a String of its name.
 * Keys are grouped by byte length; a lookup compares the bytes of the few keys of that length.
 */
final class ByteKeys {
  private static final int[] NONE = new int[0];

  private final String[] names;
  private final byte[][] bytes;
  private final Selection[] selections;
  /** Indexes of the keys of each byte length. */
  private final int[][] byLength;

  /** The table of {@code keys}; a null selection means the member is left out. */
  ByteKeys(Map<String, Selection> keys) {
    int n = keys.size();
    names = keys.keySet().toArray(new String[0]);
    Arrays.sort(names);
    bytes = new byte[n][];
    selections = new Selection[n];
    int longest = 0;
    for (int i = 0; i < n; i++) {
      bytes[i] = names[i].getBytes(StandardCharsets.UTF_8);
      selections[i] = keys.get(names[i]);
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
    byte first = b[from];
    byte last = b[to - 1];
    for (int i : same) {
      byte[] key = bytes[i];
      if (key[0] == first && key[len - 1] == last && equal(key, b, from, len)) {
        return i;
      }
    }
    return -1;
  }

  /** Keys are short: a plain loop beats a call to a general range comparison here. */
  private static boolean equal(byte[] key, byte[] b, int from, int len) {
    for (int k = 1; k < len - 1; k++) {
      if (key[k] != b[from + k]) {
        return false;
      }
    }
    return true;
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
