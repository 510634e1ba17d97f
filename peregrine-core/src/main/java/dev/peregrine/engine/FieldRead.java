package dev.peregrine.engine;

import dev.peregrine.field.Extractor;
import dev.peregrine.field.FieldType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One way a compiled rule reads a field of the event: as text, as a list of values, as a number,
 * or as its {@code output_fields} value. Reads of the same field in the same way share a slot of
 * the {@link Evaluation}, so the field is extracted once per event however many rules read it.
 * Extractors are pure functions of the event, so a cached value is the value a fresh read gives.
 */
final class FieldRead {
  /** How a field is read; each way has its own slot, since their values differ. */
  enum Way { TEXT, LIST, NUMBER, JSON }

  /**
   * What identifies an extractor's behaviour: a field with its argument, or a transformer with
   * its constant argument over the keys of its field arguments.
   */
  record Key(String name, String arg, String constant, List<Key> args) {
    static Key field(String name, String arg) {
      return new Key(name, arg, null, null);
    }

    static Key transformer(String name, String constant, List<Key> args) {
      return new Key(name, null, constant, List.copyOf(args));
    }
  }

  private final Extractor field;
  private final int slot;

  private FieldRead(Extractor field, int slot) {
    this.field = field;
    this.slot = slot;
  }

  boolean isList() {
    return field.isList();
  }

  /** The extractor this read applies. */
  Extractor extractor() {
    return field;
  }

  FieldType type() {
    return field.type();
  }

  /** {@link Extractor#string}; only for {@link Way#TEXT} reads. */
  String string(Evaluation ev) {
    if (slot < 0) {
      return field.string(ev.event());
    }
    Object v = ev.get(slot);
    if (v == null) {
      v = field.string(ev.event());
      ev.put(slot, v);
      return (String) v;
    }
    return v == Evaluation.ABSENT ? null : (String) v;
  }

  /**
   * Records {@code text}, which the caller read as this field's {@link Extractor#string} of
   * {@code ev}'s event, so that later reads find it; returns it. Only for {@link Way#TEXT}
   * reads.
   */
  String read(Evaluation ev, String text) {
    if (slot >= 0) {
      ev.put(slot, text);
    }
    return text;
  }

  /** {@link Extractor#list}; only for {@link Way#LIST} reads. */
  @SuppressWarnings("unchecked")
  List<String> list(Evaluation ev) {
    if (slot < 0) {
      return field.list(ev.event());
    }
    Object v = ev.get(slot);
    if (v == null) {
      v = field.list(ev.event());
      ev.put(slot, v);
      return (List<String>) v;
    }
    return v == Evaluation.ABSENT ? null : (List<String>) v;
  }

  /** {@link Extractor#number}; only for {@link Way#NUMBER} reads. */
  Long number(Evaluation ev) {
    if (slot < 0) {
      return field.number(ev.event());
    }
    Object v = ev.get(slot);
    if (v == null) {
      v = field.number(ev.event());
      ev.put(slot, v);
      return (Long) v;
    }
    return v == Evaluation.ABSENT ? null : (Long) v;
  }

  /** {@link Extractor#jsonValue}; only for {@link Way#JSON} reads. */
  Object jsonValue(Evaluation ev) {
    if (slot < 0) {
      return field.jsonValue(ev.event());
    }
    Object v = ev.get(slot);
    if (v == null) {
      v = field.jsonValue(ev.event());
      ev.put(slot, v);
      return v;
    }
    return v == Evaluation.ABSENT ? null : v;
  }

  /**
   * Hands out the reads of one engine: one slot per distinct key and way. With sharing off every
   * read extracts afresh (no slot), which is how reads behaved before the slots existed.
   */
  static final class Slots {
    private record Use(Key key, Way way) {}

    private final boolean share;
    private final Map<Use, Integer> slots = new HashMap<>();

    Slots(boolean share) {
      this.share = share;
    }

    /**
     * The read of {@code field}, identified by {@code key}, in the given way. A null key (a read
     * that cannot be identified) gets no slot.
     */
    FieldRead read(Key key, Extractor field, Way way) {
      if (!share || key == null) {
        return new FieldRead(field, -1);
      }
      int slot = slots.computeIfAbsent(new Use(key, way), u -> slots.size());
      return new FieldRead(field, slot);
    }

    FieldRead text(Key key, Extractor field) {
      return read(key, field, Way.TEXT);
    }

    FieldRead list(Key key, Extractor field) {
      return read(key, field, Way.LIST);
    }

    FieldRead number(Key key, Extractor field) {
      return read(key, field, Way.NUMBER);
    }

    FieldRead json(Key key, Extractor field) {
      return read(key, field, Way.JSON);
    }

    /** Slots an {@link Evaluation} needs. */
    int count() {
      return slots.size();
    }
  }
}
