package dev.peregrine.engine;

import dev.peregrine.event.AuditEvent;
import dev.peregrine.field.Extractor;
import dev.peregrine.field.FieldDef;
import dev.peregrine.field.FieldRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's output format compiled once: literal text and {@code %field} tokens. After a {@code %}
 * the longest prefix that names a field (with its {@code [arg]}) or a transformer call is taken;
 * the rest is literal text. Absent values render as {@code <NA>}, lists as {@code (a,b)}. Values
 * are read through {@link FieldRead}s, so a field the conditions or other tokens already read for
 * the event is not extracted again.
 */
final class OutputTemplate {
  /** Falco truncates a rendered list to this many characters. */
  static final int MAX_LIST_CHARS = 1023;

  private static final Pattern TRANSFORMER =
      Pattern.compile("(tolower|toupper|b64|basename|len)\\(([A-Za-z0-9_.]+(?:\\[[^\\]]*\\])?)\\)");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");

  /** A piece of the template: literal text or a value token. */
  private sealed interface Part {}

  private record Text(String text) implements Part {}

  /** A value token. */
  private record Token(Value value, int width) implements Part {}

  /** An {@code output_fields} entry: the key as written in the format and its value. */
  private record Field(String key, Value value) {}

  /**
   * How a template reads one field: {@code read} gives its text (a list read for list fields),
   * and {@code json} its {@code output_fields} value, which is the same read when the extractor
   * keeps the default {@link Extractor#jsonValue}.
   */
  private record Value(Extractor field, FieldRead read, FieldRead json) {
    static Value of(Extractor x, FieldRead.Key key, FieldRead.Slots slots) {
      FieldRead read = x.isList() ? slots.list(key, x) : slots.text(key, x);
      return new Value(x, read, defaultJson(x) ? null : slots.json(key, x));
    }

    /** The value as text: {@code <NA>} when absent, {@code (a,b)} for lists. */
    String text(Evaluation e) {
      if (field.isList()) {
        return listText(read.list(e));
      }
      String v = read.string(e);
      return v == null ? "<NA>" : v;
    }

    /** The value as {@link Extractor#jsonValue} gives it. */
    Object json(Evaluation e) {
      if (json != null) {
        return json.jsonValue(e);
      }
      if (field.isList()) {
        List<String> l = read.list(e);
        return l == null || l.isEmpty() ? null : l;
      }
      return read.string(e);
    }
  }

  private final List<Part> parts;
  private final List<Field> fieldKeys;

  private OutputTemplate(List<Part> parts, List<Field> fieldKeys) {
    this.parts = parts;
    this.fieldKeys = fieldKeys;
  }

  /**
   * Compiles {@code format}; on failure returns empty after logging at {@code pos} (the global
   * position of the output value). Values are read through {@code slots}.
   */
  static Optional<OutputTemplate> compile(
      String format, FieldRegistry registry, CompileLog log, int pos, FieldRead.Slots slots) {
    List<Part> parts = new ArrayList<>();
    List<Field> keys = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c != '%') {
        text.append(c);
        i++;
        continue;
      }
      int start = i;
      i++;
      if (i >= format.length()) {
        log.error(pos, "invalid formatting syntax: formatting cannot end with a %", false);
        return Optional.empty();
      }
      int width = 0;
      while (i < format.length() && Character.isDigit(format.charAt(i))) {
        width = width * 10 + (format.charAt(i) - '0');
        i++;
      }
      if (text.length() > 0) {
        parts.add(new Text(text.toString()));
        text.setLength(0);
      }
      i = token(format, i, registry, slots, parts, keys, width, log, pos + start);
      if (i < 0) {
        return Optional.empty();
      }
    }
    if (text.length() > 0) {
      parts.add(new Text(text.toString()));
    }
    return Optional.of(new OutputTemplate(List.copyOf(parts), List.copyOf(keys)));
  }

  /** Parses one token at {@code i}; appends it and returns the index after it, or -1. */
  private static int token(String f, int i, FieldRegistry registry, FieldRead.Slots slots,
      List<Part> parts, List<Field> keys, int width, CompileLog log, int pos) {
    Matcher tm = TRANSFORMER.matcher(f).region(i, f.length());
    if (tm.lookingAt()) {
      Extractor inner = bind(registry, tm.group(2));
      if (inner != null) {
        Extractor t = TransformerExtractor.of(tm.group(1), null, List.of(inner));
        FieldRead.Key innerKey = key(tm.group(2));
        FieldRead.Key tkey = FieldRead.Key.transformer(tm.group(1), null, List.of(innerKey));
        parts.add(new Token(Value.of(t, tkey, slots), width));
        keys.add(new Field(tm.group(2), Value.of(inner, innerKey, slots)));
        return tm.end();
      }
    }
    Matcher nm = NAME.matcher(f).region(i, f.length());
    if (!nm.lookingAt()) {
      log.error(pos, "empty formatting token", false);
      return -1;
    }
    String name = nm.group();
    int after = nm.end();
    if (after < f.length() && f.charAt(after) == '[') {
      int close = f.indexOf(']', after);
      if (close > 0) {
        String withArg = name + f.substring(after, close + 1);
        Extractor x = bind(registry, withArg);
        if (x != null) {
          Value v = Value.of(x, key(withArg), slots);
          parts.add(new Token(v, width));
          keys.add(new Field(withArg, v));
          return close + 1;
        }
      }
    }
    for (int len = name.length(); len > 0; len--) {
      String candidate = name.substring(0, len);
      Extractor x = bind(registry, candidate);
      if (x != null) {
        Value v = Value.of(x, key(candidate), slots);
        parts.add(new Token(v, width));
        keys.add(new Field(candidate, v));
        return i + len;
      }
    }
    log.error(pos, "unknown filter: " + name, true);
    return -1;
  }

  /** What identifies the field of a {@code name} or {@code name[arg]} token. */
  static FieldRead.Key key(String token) {
    int b = token.indexOf('[');
    return b < 0 ? FieldRead.Key.field(token, null)
        : FieldRead.Key.field(token.substring(0, b), token.substring(b + 1, token.length() - 1));
  }

  /**
   * Whether {@code x} keeps the default {@link Extractor#jsonValue}, which is derived from its
   * list or text value; numeric fields override it.
   */
  static boolean defaultJson(Extractor x) {
    try {
      return x.getClass().getMethod("jsonValue", AuditEvent.class).getDeclaringClass()
          == Extractor.class;
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  /** Binds {@code name} or {@code name[arg]}; null when it is not a valid field. */
  static Extractor bind(FieldRegistry registry, String token) {
    int b = token.indexOf('[');
    String name = b < 0 ? token : token.substring(0, b);
    String arg = b < 0 ? null : token.substring(b + 1, token.length() - 1);
    Optional<FieldDef> def = registry.find(name);
    if (def.isEmpty()) {
      return null;
    }
    try {
      return def.get().bind(arg);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Renders the message text for an event. The pieces are gathered first and joined once, so the
   * text is copied once, into a string of its exact length.
   */
  String render(Evaluation e) {
    String[] pieces = new String[parts.size()];
    for (int i = 0; i < pieces.length; i++) {
      pieces[i] = switch (parts.get(i)) {
        case Text t -> t.text();
        case Token t -> value(t, e);
      };
    }
    return String.join("", pieces);
  }

  /** A token's text, cut or padded to its width when it has one. */
  private static String value(Token t, Evaluation e) {
    String v = t.value().text(e);
    if (t.width() > 0) {
      if (v.length() > t.width()) {
        v = v.substring(0, t.width());
      } else {
        v = v + " ".repeat(t.width() - v.length());
      }
    }
    return v;
  }

  /** A scalar value as text: {@code <NA>} when absent. */
  static String text(FieldRead scalar, Evaluation e) {
    String v = scalar.string(e);
    return v == null ? "<NA>" : v;
  }

  /** A list's values as text: {@code <NA>} when absent or empty, else {@code (a,b)}. */
  private static String listText(List<String> vs) {
    if (vs == null || vs.isEmpty()) {
      return "<NA>";
    }
    String joined = "(" + String.join(",", vs) + ")";
    return joined.length() > MAX_LIST_CHARS ? joined.substring(0, MAX_LIST_CHARS) : joined;
  }

  /**
   * The alerts' {@code output_fields} of this template: its fields, then {@code timeKey}, put in
   * that order into a sorted map (so a later entry with an equal key wins, and the time wins over
   * a field of the same name). The key order is worked out once here.
   */
  Fields fields(String timeKey) {
    Map<String, Value> sorted = new TreeMap<>();
    for (Field f : fieldKeys) {
      sorted.put(f.key(), f.value());
    }
    sorted.put(timeKey, null);
    return new Fields(sorted.keySet().toArray(String[]::new),
        sorted.values().toArray(Value[]::new));
  }

  /**
   * The {@code output_fields} layout of a template: keys in order and how each value is read
   * (null: the event time).
   */
  static final class Fields {
    private final String[] keys;
    private final Value[] values;

    private Fields(String[] keys, Value[] values) {
      this.keys = keys;
      this.values = values;
    }

    /** The fields of one alert; {@code nanos} is the value of the time key. */
    AlertFields of(Evaluation e, long nanos) {
      Object[] out = new Object[keys.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = values[i] == null ? Long.valueOf(nanos) : values[i].json(e);
      }
      return new AlertFields(keys, out);
    }
  }
}
