package dev.peregrine.event;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which parts of an audit event a consumer (the compiled rules and their outputs) can read, so
 * that a decoder may leave the rest out of the event's tree. A selection is a tree of object keys;
 * a value reached by a selected key that has no further keys is kept whole. Arrays pass the
 * selection on to their elements, as the field walks fan out over arrays.
 *
 * <p>Only members of an Event that the decoder itself does not need may be left out: {@code
 * kind}, {@code apiVersion}, {@code auditID}, {@code stage}, {@code stageTimestamp} and every
 * member that is not a known Event member are always kept. Paths through an array index or an
 * empty key are cut there and the value kept whole.
 */
public final class Selection {
  /** Top-level Event members a selection may leave out. */
  static final Set<String> PRUNABLE = Set.of("level", "requestURI", "verb", "user",
      "impersonatedUser", "sourceIPs", "userAgent", "objectRef", "responseStatus",
      "requestObject", "responseObject", "requestReceivedTimestamp", "annotations");

  /** Top-level Event members always kept, found in {@link #memberKeys} like the others. */
  private static final Set<String> KEPT = Set.of("apiVersion", "auditID", "stage",
      "stageTimestamp");

  private static final Selection ALL = new Selection(null, false);

  private final Map<String, Selection> children;
  private final boolean keepSource;
  /** {@link #children} by their bytes (null when everything is kept). */
  private final ByteKeys childKeys;
  /** {@link #memberOf} for the keys where it may differ from {@link #all()}. */
  private final ByteKeys memberKeys;

  private Selection(Map<String, Selection> children, boolean keepSource) {
    this.children = children;
    this.keepSource = keepSource;
    if (children == null) {
      childKeys = null;
      memberKeys = null;
    } else {
      childKeys = new ByteKeys(children);
      Map<String, Selection> members = new HashMap<>();
      for (String key : PRUNABLE) {
        members.put(key, children.get(key));
      }
      for (String key : KEPT) {
        members.put(key, ALL);
      }
      memberKeys = new ByteKeys(members);
    }
  }

  /**
   * This selection, asking decoders to keep the text of each event they pruned so that {@link
   * AuditEvent#full()} can rebuild it (for outputs that print the whole event).
   */
  public Selection withSource() {
    return children == null ? this : new Selection(children, true);
  }

  /** True when pruned events must be able to rebuild their whole object. */
  public boolean keepsSource() {
    return keepSource;
  }

  /** Everything is read: nothing may be left out. */
  public static Selection all() {
    return ALL;
  }

  /**
   * The selection of {@code paths}, each a list of object keys from the event's top level; an
   * empty path selects the whole event.
   */
  public static Selection of(List<List<String>> paths) {
    Builder root = new Builder();
    for (List<String> path : paths) {
      root.add(path, 0);
    }
    return root.build();
  }

  /** True when the whole value is kept. */
  public boolean keepsAll() {
    return children == null;
  }

  /** The selection below {@code key}, or null when nothing below it is read. */
  Selection child(String key) {
    return children == null ? ALL : children.get(key);
  }

  /**
   * The selection below member {@code key} of an Event's top level, where only {@link #PRUNABLE}
   * members may be left out: {@link #all()} for any other member, else {@link #child(String)}.
   */
  Selection memberOf(String key) {
    return PRUNABLE.contains(key) ? child(key) : ALL;
  }

  /**
   * The keys below this selection by their bytes: a key not in the table is not read; null when
   * everything is kept.
   */
  ByteKeys childKeys() {
    return childKeys;
  }

  /**
   * The keys of an Event's top level by their bytes, each with {@link #memberOf}: a key not in
   * the table is kept whole; null when everything is kept.
   */
  ByteKeys memberKeys() {
    return memberKeys;
  }

  @Override
  public String toString() {
    return children == null ? "*" : children + (keepSource ? " +source" : "");
  }

  /** A mutable selection tree; {@code whole} wins over any keys. */
  private static final class Builder {
    private final Map<String, Builder> keys = new HashMap<>();
    private boolean whole;

    void add(List<String> path, int from) {
      if (whole) {
        return;
      }
      if (from == path.size() || path.get(from).isEmpty() || isIndex(path.get(from))) {
        whole = true;
        keys.clear();
        return;
      }
      keys.computeIfAbsent(path.get(from), k -> new Builder()).add(path, from + 1);
    }

    Selection build() {
      if (whole) {
        return ALL;
      }
      Map<String, Selection> out = new HashMap<>();
      keys.forEach((k, b) -> out.put(k, b.build()));
      return new Selection(Map.copyOf(out), false);
    }

    /** A key that could index an array (an optional sign, then digits): kept whole. */
    private static boolean isIndex(String key) {
      int i = key.charAt(0) == '+' || key.charAt(0) == '-' ? 1 : 0;
      if (i == key.length()) {
        return false;
      }
      for (; i < key.length(); i++) {
        if (key.charAt(i) < '0' || key.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }
  }
}
