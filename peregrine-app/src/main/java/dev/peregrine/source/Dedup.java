package dev.peregrine.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.event.AuditEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Remembers recently evaluated (auditID, stage) pairs so that a batch the apiserver sends again
 * (after a timeout or an error answer) does not raise its alerts twice. The window is bounded both
 * in entries and in time; the clock is injected. Events without an auditID are never duplicates.
 *
 * <p>Pairs are compared exactly. They are kept in arrays allocated once (a ring in arrival order
 * and an open-addressing index), so remembering an event allocates nothing: an auditID in the
 * apiserver's form (a lower-case UUID) is kept as two longs, any other as its string, and the
 * four audit stages as a number. Long-lived entries therefore cost the garbage collector nothing
 * to copy.
 */
final class Dedup {
  /** Default number of remembered pairs. */
  static final int DEFAULT_ENTRIES = 200_000;
  /** Default time a pair is remembered: longer than the apiserver's whole retry schedule. */
  static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  /** Largest number of remembered pairs (the arrays are allocated up front). */
  static final int MAX_ENTRIES = 1 << 26;

  private static final String[] STAGES = {"RequestReceived", "ResponseStarted",
      "ResponseComplete", "Panic"};

  private final int capacity;
  private final long windowMillis;
  private final Clock clock;

  // the ring: entry r of count entries starting at head, oldest first
  private final long[] hi;
  private final long[] lo;
  private final String[] text;
  private final byte[] stage;
  private final String[] stageText;
  private final long[] at;
  private final int[] hash;
  private int head;
  private int count;

  // slot -> ring position + 1 (0: empty), linear probing
  private final int[] table;
  private final int mask;

  Dedup(int maxEntries, Duration window, Clock clock) {
    this.capacity = maxEntries;
    this.windowMillis = window.toMillis();
    this.clock = clock;
    int n = Math.max(maxEntries, 0);
    if (n > MAX_ENTRIES) {
      throw new IllegalArgumentException("at most " + MAX_ENTRIES + " de-duplication entries");
    }
    hi = new long[n];
    lo = new long[n];
    text = new String[n];
    stage = new byte[n];
    stageText = new String[n];
    at = new long[n];
    hash = new int[n];
    int slots = Integer.highestOneBit(Math.max(2, n) * 2 - 1) << 1;
    table = new int[n == 0 ? 0 : slots];
    mask = slots - 1;
  }

  /** One pair in compared form. */
  private record Key(long hi, long lo, String text, byte stage, String stageText, int hash) {}

  private static Key key(String id, JsonNode stageNode) {
    String st = stageNode == null ? "" : stageNode.asText();
    byte s = 0;
    for (int i = 0; i < STAGES.length; i++) {
      if (STAGES[i].equals(st)) {
        s = (byte) (i + 1);
      }
    }
    String stText = s == 0 ? st : null;
    int stHash = s == 0 ? st.hashCode() : s;
    if (id.length() == 36 && uuid(id)) {
      long h = hex(id, 0, 8, 0);
      h = hex(id, 9, 13, h);
      h = hex(id, 14, 18, h);
      long l = hex(id, 19, 23, 0);
      l = hex(id, 24, 36, l);
      long mix = (h * 0x9E3779B97F4A7C15L) ^ (l * 0xC2B2AE3D27D4EB4FL);
      return new Key(h, l, null, s, stText, (int) (mix ^ (mix >>> 32)) * 31 + stHash);
    }
    return new Key(0, 0, id, s, stText, id.hashCode() * 31 + stHash);
  }

  /** Appends the hex digits of {@code s[from, to)} (checked by {@link #uuid}) to {@code acc}. */
  private static long hex(String s, int from, int to, long acc) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      acc = acc << 4 | (c <= '9' ? c - '0' : c - 'a' + 10);
    }
    return acc;
  }

  /** True for 36 characters in the form 8-4-4-4-12 of lower-case hex digits. */
  private static boolean uuid(String id) {
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** True when the event should be evaluated (first sighting within the window). */
  boolean first(AuditEvent e) {
    JsonNode id = e.get("auditID");
    if (capacity <= 0 || id == null || !id.isTextual()) {
      return true;
    }
    Key k = key(id.textValue(), e.get("stage"));
    long now = clock.millis();
    synchronized (this) {
      while (count > 0 && now - at[head] >= windowMillis) {
        removeOldest();
      }
      if (find(k) >= 0) {
        return false;
      }
      if (count == capacity) {
        removeOldest();
      }
      int r = (head + count) % capacity;
      hi[r] = k.hi();
      lo[r] = k.lo();
      text[r] = k.text();
      stage[r] = k.stage();
      stageText[r] = k.stageText();
      at[r] = now;
      hash[r] = k.hash();
      count++;
      int slot = k.hash() & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = r + 1;
      return true;
    }
  }

  /** The table slot holding an entry equal to {@code k}, or -1. */
  private int find(Key k) {
    for (int slot = k.hash() & mask; table[slot] != 0; slot = (slot + 1) & mask) {
      int r = table[slot] - 1;
      if (hash[r] == k.hash() && stage[r] == k.stage() && hi[r] == k.hi() && lo[r] == k.lo()
          && Objects.equals(text[r], k.text()) && Objects.equals(stageText[r], k.stageText())) {
        return slot;
      }
    }
    return -1;
  }

  private void removeOldest() {
    int slot = hash[head] & mask;
    while (table[slot] != head + 1) {
      slot = (slot + 1) & mask;
    }
    deleteSlot(slot);
    text[head] = null;
    stageText[head] = null;
    head = (head + 1) % capacity;
    count--;
  }

  /** Empties {@code slot} and shifts back the entries after it that probed past it. */
  private void deleteSlot(int slot) {
    int i = slot;
    int j = slot;
    while (true) {
      table[i] = 0;
      while (true) {
        j = (j + 1) & mask;
        if (table[j] == 0) {
          return;
        }
        int home = hash[table[j] - 1] & mask;
        boolean stays = i <= j ? i < home && home <= j : i < home || home <= j;
        if (!stays) {
          break;
        }
      }
      table[i] = table[j];
      i = j;
    }
  }

  synchronized int size() {
    return count;
  }
}
