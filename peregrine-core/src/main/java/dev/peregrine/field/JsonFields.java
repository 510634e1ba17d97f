package dev.peregrine.field;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code json.*} fields and their {@code jevt.*} aliases. They work on any event, with or
 * without {@code auditID}.
 */
final class JsonFields {
  private JsonFields() {}

  /** Every field of this group, in catalogue order ({@code json.*} first, then aliases). */
  static List<FieldDef> all() {
    List<FieldDef> out = new ArrayList<>();
    for (String prefix : List.of("json.", "jevt.")) {
      String alias = prefix.equals("jevt.") ? " (alias of the json.* field)" : "";
      out.add(new FieldDef(prefix + "value", FieldType.STRING, false, ArgKind.KEY,
          "Value at a JSON pointer in the event (leading / optional)" + alias,
          JsonFields::pointer, JsonFields::pointerPath));
      Extractor obj = new Extractors.Text(e -> JsonText.indent(e.json()));
      out.add(new FieldDef(prefix + "obj", FieldType.STRING, false, ArgKind.NONE,
          "The whole event as indented JSON" + alias, arg -> obj, arg -> null));
      Extractor raw = new Extractors.Text(e -> Long.toString(e.timeNanos()));
      out.add(new FieldDef(prefix + "rawtime", FieldType.STRING, false, ArgKind.NONE,
          "Event time in nanoseconds since the epoch, as text" + alias, arg -> raw,
          FieldDef.readsNothing()));
    }
    return out;
  }

  /**
   * Binds a JSON pointer: split and unescaped once here, only walked per event. The empty pointer
   * is the whole event (an object, so its text is its compact JSON).
   */
  static Extractor pointer(String arg) {
    if (arg.isEmpty()) {
      return new JsonValue(new Step[0]);
    }
    return new JsonValue(keys(arg).stream().map(Step::of).toArray(Step[]::new));
  }

  /** The key path a JSON pointer reads; the empty pointer reads the whole event (null). */
  static List<List<String>> pointerPath(String arg) {
    return arg == null || arg.isEmpty() ? null : List.of(keys(arg));
  }

  /** The unescaped keys of a non-empty JSON pointer (leading slash optional). */
  private static List<String> keys(String arg) {
    String body = arg.charAt(0) == '/' ? arg.substring(1) : arg;
    List<String> out = new ArrayList<>();
    for (String part : body.split("/", -1)) {
      out.add(part.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }
}
