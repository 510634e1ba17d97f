package dev.peregrine.source;

import dev.peregrine.event.AuditEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers recently evaluated (auditID, stage) pairs so that a batch the apiserver sends again
 * (after a timeout or an error answer) does not raise its alerts twice. The window is bounded both
 * in entries and in time; the clock is injected. Events without an auditID are never duplicates.
 */
final class Dedup {
  /** Default number of remembered pairs. */
  static final int DEFAULT_ENTRIES = 200_000;
  /** Default time a pair is remembered: longer than the apiserver's whole retry schedule. */
  static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  private record Key(String auditId, String stage) {}

  private final int maxEntries;
  private final long windowMillis;
  private final Clock clock;
  private final LinkedHashMap<Key, Long> seen = new LinkedHashMap<>();

  Dedup(int maxEntries, Duration window, Clock clock) {
    this.maxEntries = maxEntries;
    this.windowMillis = window.toMillis();
    this.clock = clock;
  }

  /** True when the event should be evaluated (first sighting within the window). */
  boolean first(AuditEvent e) {
    var id = e.get("auditID");
    if (maxEntries == 0 || id == null || !id.isTextual()) {
      return true;
    }
    var stage = e.get("stage");
    Key k = new Key(id.textValue(), stage == null ? "" : stage.asText());
    long now = clock.millis();
    synchronized (this) {
      expire(now);
      Long at = seen.get(k);
      if (at != null) {
        return false;
      }
      seen.put(k, now);
      if (seen.size() > maxEntries) {
        Iterator<Map.Entry<Key, Long>> it = seen.entrySet().iterator();
        it.next();
        it.remove();
      }
      return true;
    }
  }

  private void expire(long now) {
    Iterator<Map.Entry<Key, Long>> it = seen.entrySet().iterator();
    while (it.hasNext()) {
      if (now - it.next().getValue() < windowMillis) {
        return;
      }
      it.remove();
    }
  }

  synchronized int size() {
    return seen.size();
  }
}
