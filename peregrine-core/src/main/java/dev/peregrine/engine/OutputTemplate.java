package dev.peregrine.engine;

import dev.peregrine.event.AuditEvent;
import dev.peregrine.field.Extractor;
import dev.peregrine.field.FieldDef;
import dev.peregrine.field.FieldRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's output format compiled once: literal text and {@code %field} tokens. After a {@code %}
 * the longest prefix that names a field (with its {@code [arg]}) or a transformer call is taken;
 * the rest is literal text. Absent values render as {@code <NA>}, lists as {@code (a,b)}.
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

  /** A value token; {@code key} is its output_fields key, or null (transformer tokens). */
  private record Token(Extractor value, int width, String key) implements Part {}

  private final List<Part> parts;
  private final List<Token> fieldKeys;

  private OutputTemplate(List<Part> parts, List<Token> fieldKeys) {
    this.parts = parts;
    this.fieldKeys = fieldKeys;
  }

  /**
   * Compiles {@code format}; on failure returns empty after logging at {@code pos} (the global
   * position of the output value).
   */
  static Optional<OutputTemplate> compile(
      String format, FieldRegistry registry, CompileLog log, int pos) {
    List<Part> parts = new ArrayList<>();
    List<Token> keys = new ArrayList<>();
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
      i = token(format, i, registry, parts, keys, width, log, pos + start);
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
  private static int token(String f, int i, FieldRegistry registry, List<Part> parts,
      List<Token> keys, int width, CompileLog log, int pos) {
    Matcher tm = TRANSFORMER.matcher(f).region(i, f.length());
    if (tm.lookingAt()) {
      Extractor inner = bind(registry, tm.group(2));
      if (inner != null) {
        Extractor t = TransformerExtractor.of(tm.group(1), null, List.of(inner));
        parts.add(new Token(t, width, null));
        keys.add(new Token(inner, 0, tm.group(2)));
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
          parts.add(new Token(x, width, withArg));
          keys.add(new Token(x, 0, withArg));
          return close + 1;
        }
      }
    }
    for (int len = name.length(); len > 0; len--) {
      String candidate = name.substring(0, len);
      Extractor x = bind(registry, candidate);
      if (x != null) {
        parts.add(new Token(x, width, candidate));
        keys.add(new Token(x, 0, candidate));
        return i + len;
      }
    }
    log.error(pos, "unknown filter: " + name, true);
    return -1;
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

  /** Renders the message text for an event. */
  String render(AuditEvent e) {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      switch (p) {
        case Text t -> sb.append(t.text());
        case Token t -> appendValue(sb, t, e);
      }
    }
    return sb.toString();
  }

  private static void appendValue(StringBuilder sb, Token t, AuditEvent e) {
    String v = text(t.value(), e);
    if (t.width() > 0) {
      if (v.length() > t.width()) {
        v = v.substring(0, t.width());
      } else {
        v = v + " ".repeat(t.width() - v.length());
      }
    }
    sb.append(v);
  }

  /** A value as text: {@code <NA>} when absent, {@code (a,b)} for lists. */
  static String text(Extractor x, AuditEvent e) {
    if (x.isList()) {
      List<String> vs = x.list(e);
      if (vs == null || vs.isEmpty()) {
        return "<NA>";
      }
      String joined = "(" + String.join(",", vs) + ")";
      return joined.length() > MAX_LIST_CHARS ? joined.substring(0, MAX_LIST_CHARS) : joined;
    }
    String v = x.string(e);
    return v == null ? "<NA>" : v;
  }

  /** Adds this template's field values to {@code out}, keyed as written in the format. */
  void addFields(AuditEvent e, Map<String, Object> out) {
    for (Token t : fieldKeys) {
      out.put(t.key(), t.value().jsonValue(e));
    }
  }
}
