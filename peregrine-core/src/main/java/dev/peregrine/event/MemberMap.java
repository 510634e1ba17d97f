package dev.peregrine.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The members of one object of a decoded event, in insertion order: parallel arrays of keys,
 * their hashes and values, searched linearly, with a hash index once the object is large. Most
 * objects of an audit event have a handful of members, for which this takes a fraction of the
 * memory of a {@code LinkedHashMap} (no entry objects, no table) and finds a member by comparing
 * cached hashes in one array. Not thread-safe for writes; events are not changed once decoded.
 */
final class MemberMap extends AbstractMap<String, JsonNode> {
  /** Members from which a hash index is kept. */
  static final int INDEX_AT = 16;

  private String[] keys;
  private int[] hashes;
  private JsonNode[] values;
  private int size;
  private int modCount;
  private HashMap<String, Integer> index;

  MemberMap() {
    this(4);
  }

  private MemberMap(int capacity) {
    keys = new String[capacity];
    hashes = new int[capacity];
    values = new JsonNode[capacity];
  }

  /**
   * The map of the first {@code n} of {@code names} and {@code values}, in that order, sized to
   * fit: a repeated name keeps its first place and takes its last value, as repeated {@link
   * #put}s would. The arrays are not kept.
   */
  static MemberMap of(String[] names, JsonNode[] values, int n) {
    MemberMap m = new MemberMap(n);
    long seen = 0; // one bit per hash value mod 64: a clear bit means a name not seen before
    for (int i = 0; i < n; i++) {
      String k = names[i];
      int h = k.hashCode();
      long bit = 1L << h;
      int at = -1;
      if ((seen & bit) != 0) {
        for (int j = 0; j < m.size; j++) {
          if (m.hashes[j] == h && m.keys[j].equals(k)) {
            at = j;
            break;
          }
        }
      }
      seen |= bit;
      if (at >= 0) {
        m.values[at] = values[i];
      } else {
        m.keys[m.size] = k;
        m.hashes[m.size] = h;
        m.values[m.size] = values[i];
        m.size++;
      }
    }
    if (m.size >= INDEX_AT) {
      m.reindex();
    }
    return m;
  }

  private int find(Object key) {
    if (!(key instanceof String k)) {
      return -1;
    }
    if (index != null) {
      Integer i = index.get(k);
      return i == null ? -1 : i;
    }
    int h = k.hashCode();
    for (int i = 0; i < size; i++) {
      if (hashes[i] == h && (keys[i] == k || keys[i].equals(k))) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean containsKey(Object key) {
    return find(key) >= 0;
  }

  @Override
  public JsonNode get(Object key) {
    int i = find(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public JsonNode put(String key, JsonNode value) {
    if (key == null) {
      throw new NullPointerException("member name");
    }
    int i = find(key);
    if (i >= 0) {
      JsonNode old = values[i];
      values[i] = value;
      return old;
    }
    if (size == keys.length) {
      int n = Math.max(4, size * 2);
      keys = Arrays.copyOf(keys, n);
      hashes = Arrays.copyOf(hashes, n);
      values = Arrays.copyOf(values, n);
    }
    keys[size] = key;
    hashes[size] = key.hashCode();
    values[size] = value;
    if (index != null) {
      index.put(key, size);
    }
    size++;
    modCount++;
    if (index == null && size >= INDEX_AT) {
      reindex();
    }
    return null;
  }

  @Override
  public JsonNode remove(Object key) {
    int i = find(key);
    if (i < 0) {
      return null;
    }
    JsonNode old = values[i];
    removeAt(i);
    return old;
  }

  private void removeAt(int i) {
    int tail = size - i - 1;
    System.arraycopy(keys, i + 1, keys, i, tail);
    System.arraycopy(hashes, i + 1, hashes, i, tail);
    System.arraycopy(values, i + 1, values, i, tail);
    size--;
    keys[size] = null;
    values[size] = null;
    modCount++;
    if (index != null) {
      if (size < INDEX_AT) {
        index = null;
      } else {
        reindex();
      }
    }
  }

  private void reindex() {
    index = new HashMap<>(size * 2);
    for (int i = 0; i < size; i++) {
      index.put(keys[i], i);
    }
  }

  @Override
  public void clear() {
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
    index = null;
    modCount++;
  }

  @Override
  public Set<Map.Entry<String, JsonNode>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Map.Entry<String, JsonNode>> iterator() {
        return new Iterator<>() {
          private int next;
          private int last = -1;
          private int expected = modCount;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Map.Entry<String, JsonNode> next() {
            if (expected != modCount) {
              throw new ConcurrentModificationException();
            }
            if (next >= size) {
              throw new NoSuchElementException();
            }
            last = next++;
            return new Member(last);
          }

          @Override
          public void remove() {
            if (last < 0) {
              throw new IllegalStateException();
            }
            if (expected != modCount) {
              throw new ConcurrentModificationException();
            }
            removeAt(last);
            next = last;
            last = -1;
            expected = modCount;
          }
        };
      }
    };
  }

  /** A view of member {@code i}; writing its value writes the map. */
  private final class Member implements Map.Entry<String, JsonNode> {
    private final int i;
    private final String key;

    Member(int i) {
      this.i = i;
      this.key = keys[i];
    }

    @Override
    public String getKey() {
      return key;
    }

    @Override
    public JsonNode getValue() {
      return keys[i] == key ? values[i] : get(key);
    }

    @Override
    public JsonNode setValue(JsonNode value) {
      return put(key, value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Map.Entry<?, ?> e && key.equals(e.getKey())
          && java.util.Objects.equals(getValue(), e.getValue());
    }

    @Override
    public int hashCode() {
      return key.hashCode() ^ java.util.Objects.hashCode(getValue());
    }

    @Override
    public String toString() {
      return key + "=" + getValue();
    }
  }
}
