package dev.peregrine.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fixed set of strings in which a text, or a JSON node's text (a string's text, a number's
 * decimal text), is looked up: a string a decoder holds as its bytes by those bytes, an integer
 * by its value, without making its text; other nodes are left to the caller.
 */
public final class TextTable {
  /** {@link #find}: the node's text is none of the keys (and holds no U+0000). */
  public static final int MISSING = -1;
  /** {@link #find}: this table cannot tell; compare the node's text itself. */
  public static final int UNKNOWN = -2;

  /** The position of each key in the list given (the first, for a key given twice). */
  private final Map<String, Integer> byText = new HashMap<>();
  private final ByteKeys bytes;
  /** The position in the keys given of each {@link ByteKeys} index. */
  private final int[] positions;
  /** The keys that are a long's shortest decimal text, by value (sorted), and their positions. */
  private final long[] integers;
  private final int[] integerPositions;

  /** The table of {@code keys}; {@link #find} answers positions in this list. */
  public TextTable(List<String> keys) {
    Map<String, Selection> names = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      byText.putIfAbsent(keys.get(i), i);
      names.put(keys.get(i), null);
    }
    bytes = new ByteKeys(names);
    positions = new int[names.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = byText.get(bytes.name(i));
    }
    Map<Long, Integer> byValue = new TreeMap<>();
    for (int i = 0; i < keys.size(); i++) {
      Long n = integer(keys.get(i));
      if (n != null) {
        byValue.putIfAbsent(n, i);
      }
    }
    integers = byValue.keySet().stream().mapToLong(Long::longValue).toArray();
    integerPositions = byValue.values().stream().mapToInt(Integer::intValue).toArray();
  }

  /** The position of the key equal to {@code text}, or {@link #MISSING}. */
  public int find(String text) {
    return byText.getOrDefault(text, MISSING);
  }

  /**
   * The position of the key equal to the text of {@code node}; {@link #MISSING} when there is
   * none, which it tells only of texts that hold no U+0000; {@link #UNKNOWN} when the caller
   * must compare the node's text itself.
   */
  public int find(JsonNode node) {
    if (node instanceof BytesText t) {
      if (t.escaped()) {
        return UNKNOWN; // may hold an escaped U+0000
      }
      // raw JSON text holds no control character
      int k = t.findIn(bytes);
      return k < 0 ? MISSING : positions[k];
    }
    if (node.isInt() || node.isLong()) {
      // their text is the shortest decimal, which only a key of that form can equal
      int k = Arrays.binarySearch(integers, node.longValue());
      return k < 0 ? MISSING : integerPositions[k];
    }
    return UNKNOWN;
  }

  /** The value of {@code s} when it is a long's shortest decimal text, else null. */
  private static Long integer(String s) {
    try {
      long v = Long.parseLong(s);
      return Long.toString(v).equals(s) ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
