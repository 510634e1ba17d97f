package dev.peregrine.field;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One step of a path, resolved at bind time: an object key, which also indexes an array when it
 * reads as a decimal integer (the lookup rule of the upstream JSON library).
 *
 * @param key the object key
 * @param arrayIndex the array index the key denotes, or -1 when it denotes none
 */
record Step(String key, int arrayIndex) {

  /** A step for {@code key}, with its array reading computed once. */
  static Step of(String key) {
    return new Step(key, arrayIndex(key));
  }

  /** The child of {@code node} this step selects, or null. */
  JsonNode from(JsonNode node) {
    if (node.isObject()) {
      return node.get(key);
    }
    if (node.isArray()) {
      return arrayIndex >= 0 && arrayIndex < node.size() ? node.get(arrayIndex) : null;
    }
    return null;
  }

  /**
   * Reads {@code key} like Go's {@code strconv.Atoi}: optional sign, then decimal digits. Negative
   * or out-of-int-range values can never index an array, so they give -1 like non-numbers.
   */
  static int arrayIndex(String key) {
    int i = 0;
    boolean negative = false;
    if (!key.isEmpty() && (key.charAt(0) == '+' || key.charAt(0) == '-')) {
      negative = key.charAt(0) == '-';
      i = 1;
    }
    if (i == key.length()) {
      return -1;
    }
    long value = 0;
    for (; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
      if (value > Integer.MAX_VALUE) {
        return -1;
      }
    }
    if (negative && value != 0) {
      return -1;
    }
    return (int) value;
  }
}
