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
 * to copy, and a lookup touches the index and at most one cache line of entry per candidate.
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

  // the ring: entry r of count entries starting at head, oldest first; entry r is
  // entries[4r .. 4r+3] = auditID high bits, low bits, time remembered, meta (hash << 32 |
  // flags << 8 | stage), so that comparing and expiring an entry touches one cache line
  private final long[] entries;
  private final String[] text;
  private final String[] stageText;
  private int head;
  private int count;

  // slot -> (hash << 32 | ring position + 1), 0 when empty; linear probing on the hash, so a
  // probe past another pair does not touch its entry
  private final long[] table;
  private final int mask;

  private static final long HAS_TEXT = 1L << 8;
  private static final long HAS_STAGE_TEXT = 1L << 9;

  Dedup(int maxEntries, Duration window, Clock clock) {
    this.capacity = maxEntries;
    this.windowMillis = window.toMillis();
    this.clock = clock;
    int n = Math.max(maxEntries, 0);
    if (n > MAX_ENTRIES) {
      throw new IllegalArgumentException("at most " + MAX_ENTRIES + " de-duplication entries");
    }
    entries = new long[4 * n];
    text = new String[n];
    stageText = new String[n];
    int slots = Integer.highestOneBit(Math.max(2, n) * 2 - 1) << 1;
    table = new long[n == 0 ? 0 : slots];
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
      while (count > 0 && now - entries[4 * head + 2] >= windowMillis) {
        removeOldest();
      }
      if (find(k) >= 0) {
        return false;
      }
      if (count == capacity) {
        removeOldest();
      }
      int r = (head + count) % capacity;
      long meta = (long) k.hash() << 32 | (k.text() != null ? HAS_TEXT : 0)
          | (k.stageText() != null ? HAS_STAGE_TEXT : 0) | (k.stage() & 0xffL);
      entries[4 * r] = k.hi();
      entries[4 * r + 1] = k.lo();
      entries[4 * r + 2] = now;
      entries[4 * r + 3] = meta;
      text[r] = k.text();
      stageText[r] = k.stageText();
      count++;
      int slot = k.hash() & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = (long) k.hash() << 32 | (r + 1L);
      return true;
    }
  }

  /** The table slot holding an entry equal to {@code k}, or -1. */
  private int find(Key k) {
    for (int slot = k.hash() & mask; table[slot] != 0; slot = (slot + 1) & mask) {
      long t = table[slot];
      if ((int) (t >>> 32) != k.hash()) {
        continue;
      }
      int r = (int) t - 1;
      long meta = entries[4 * r + 3];
      if ((byte) meta == k.stage() && entries[4 * r] == k.hi() && entries[4 * r + 1] == k.lo()
          && ((meta & HAS_TEXT) != 0 ? k.text() != null && text[r].equals(k.text())
              : k.text() == null)
          && ((meta & HAS_STAGE_TEXT) != 0 ? k.stageText() != null
              && stageText[r].equals(k.stageText()) : k.stageText() == null)) {
        return slot;
      }
    }
    return -1;
  }

  private void removeOldest() {
    int h = (int) (entries[4 * head + 3] >>> 32);
    long want = (long) h << 32 | (head + 1L);
    int slot = h & mask;
    while (table[slot] != want) {
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
        int home = (int) (table[j] >>> 32) & mask;
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
