package dev.peregrine.field;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Builders for {@code ka.*} field definitions. Each states the key paths its extractor reads
 * (besides {@code auditID}, which every {@code ka.*} field checks and decoders always keep).
 */
final class Defs {
  private Defs() {}

  /** A scalar with no argument that reads the given key paths. */
  static FieldDef text(String name, String desc, List<List<String>> reads,
      Function<ObjectNode, String> fn) {
    Extractor x = Extractors.ka(fn);
    return new FieldDef(name, FieldType.STRING, false, ArgKind.NONE, desc, arg -> x,
        arg -> reads);
  }

  /** A scalar read directly at a key path; any JSON type is turned into text. */
  static FieldDef path(String name, String desc, String... keys) {
    Extractor x = new KaPath(Walk.of(keys));
    List<List<String>> reads = List.of(List.of(keys));
    return new FieldDef(name, FieldType.STRING, false, ArgKind.NONE, desc, arg -> x,
        arg -> reads);
  }

  /** A list with no argument that reads the given key path. */
  static FieldDef list(String name, String desc, List<String> reads,
      Function<ObjectNode, List<String>> fn) {
    Extractor x = Extractors.kaList(fn);
    return new FieldDef(name, FieldType.STRING, true, ArgKind.NONE, desc, arg -> x,
        arg -> List.of(reads));
  }

  /** A list read at a key path that must hold an array; each element is turned into text. */
  static FieldDef arrayPath(String name, String desc, String... keys) {
    Walk w = Walk.of(keys);
    return list(name, desc, List.of(keys), json -> Ka.arrayTexts(w.get(json), -1));
  }

  /**
   * A list with an optional index that reads the given key path; {@code fn} receives the index,
   * or -1 when none.
   */
  static FieldDef indexed(String name, String desc, List<String> reads,
      IntFunction<Function<ObjectNode, List<String>>> fn) {
    return new FieldDef(
        name, FieldType.STRING, true, ArgKind.INDEX, desc,
        arg -> Extractors.kaList(fn.apply(index(arg))), arg -> List.of(reads));
  }

  /** A list read by the fanning walk, dropping entries that lack the last key. */
  static FieldDef walked(String name, String desc, String... keys) {
    Walk w = Walk.of(keys);
    return indexed(name, desc, List.of(keys), i -> json -> Walk.textsSkipNull(w.walk(json, i)));
  }

  /**
   * A scalar with a required key argument that reads the given key paths; {@code fn} receives
   * the key.
   */
  static FieldDef keyed(String name, String desc, List<List<String>> reads,
      Function<String, Function<ObjectNode, String>> fn) {
    return new FieldDef(
        name, FieldType.STRING, false, ArgKind.KEY, desc, arg -> Extractors.ka(fn.apply(arg)),
        arg -> reads);
  }

  /**
   * The index argument as an int, or -1 when none. The form was already checked by
   * {@link FieldDef#bind}; indexes beyond int range can never match an element.
   */
  static int index(String arg) {
    if (arg == null) {
      return -1;
    }
    long v = Long.parseUnsignedLong(arg);
    return v < 0 || v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
  }
}
