package dev.peregrine.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.peregrine.engine.Alert;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders alerts the way Falco prints them: the text line, or one compact JSON object with keys in
 * alphabetical order, {@code time} in UTC with nine fractional digits, and typed {@code
 * output_fields} ({@code evt.time} as integer ns, lists as arrays, absent values as null).
 */
public final class AlertFormatter {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final JsonFactory JSON = new JsonFactory();
  private static final CharacterEscapes ESCAPES = new FalcoEscapes();

  private final JsonOptions options;
  private final String hostname;
  private final boolean asciiOutput;

  /**
   * @param options which optional JSON keys to include; null means text output
   * @param hostname the {@code hostname} key of JSON alerts
   */
  public AlertFormatter(JsonOptions options, String hostname) {
    this(options, hostname, false);
  }

  private AlertFormatter(JsonOptions options, String hostname, boolean asciiOutput) {
    this.options = options;
    this.hostname = hostname;
    this.asciiOutput = asciiOutput;
  }

  /**
   * The same formatter, but the JSON {@code output} value is made pure ASCII: every UTF-16 unit
   * above U+007F is written as six characters, a backslash, {@code u} and four hex digits.
   * Falcosidekick-UI rejects alerts whose {@code output} is not ASCII; escaping at the JSON level
   * would not help, because the check runs on the decoded string. Text lines are not changed.
   */
  public AlertFormatter withAsciiOutput() {
    return new AlertFormatter(options, hostname, true);
  }

  /** {@code s} with each non-ASCII UTF-16 unit written as backslash, {@code u}, 4 hex digits. */
  public static String asciiEscape(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) < 0x80) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  /**
   * Which optional keys a JSON alert carries (falco.yaml {@code json_include_*_property}).
   */
  public record JsonOptions(boolean output, boolean outputFields, boolean tags, boolean message) {
    /** Falco's defaults: output, output_fields and tags on; message off. */
    public static JsonOptions defaults() {
      return new JsonOptions(true, true, true, false);
    }
  }

  /** True when alerts are rendered as JSON. */
  public boolean json() {
    return options != null;
  }

  /** The alert as one line, without the line terminator. */
  public String format(Alert a) {
    return options == null ? a.output() : toJson(a);
  }

  /** The {@code time} value: event time in UTC, {@code YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ}. */
  public static String utcTime(long nanos) {
    return UTC.format(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L)));
  }

  private String toJson(Alert a) {
    Map<String, Object> top = new TreeMap<>();
    top.put("hostname", hostname);
    if (options.message()) {
      top.put("message", a.message());
    }
    if (options.output()) {
      top.put("output", asciiOutput ? asciiEscape(a.output()) : a.output());
    }
    if (options.outputFields()) {
      top.put("output_fields", new TreeMap<>(a.outputFields()));
    }
    top.put("priority", a.priority().label());
    top.put("rule", a.rule());
    top.put("source", a.source());
    if (options.tags()) {
      top.put("tags", a.tags());
    }
    top.put("time", utcTime(a.timeNanos()));
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.setCharacterEscapes(ESCAPES);
      write(g, top);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private static void write(JsonGenerator g, Object v) throws IOException {
    switch (v) {
      case null -> g.writeNull();
      case String s -> g.writeString(s);
      case Long l -> g.writeNumber(l);
      case Integer i -> g.writeNumber(i);
      case Map<?, ?> m -> {
        g.writeStartObject();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          g.writeFieldName(String.valueOf(e.getKey()));
          write(g, e.getValue());
        }
        g.writeEndObject();
      }
      case List<?> l -> {
        g.writeStartArray();
        for (Object o : l) {
          write(g, o);
        }
        g.writeEndArray();
      }
      default -> g.writeString(String.valueOf(v));
    }
  }

  /**
   * Escapes as Falco's JSON library does: the short forms for \b \f \n \r \t, {@code \"} and
   * {@code \\}, other control characters as {@code \\u00xx} with lower-case hex; everything else
   * (including non-ASCII) raw.
   */
  private static final class FalcoEscapes extends CharacterEscapes {
    private static final int[] TABLE = standardAsciiEscapesForJSON();
    private static final SerializableString[] LOWER = new SerializableString[32];

    static {
      for (int c = 0; c < 32; c++) {
        LOWER[c] = new SerializedString(String.format(java.util.Locale.ROOT, "\\u%04x", c));
        if ("\b\f\n\r\t".indexOf(c) < 0) {
          TABLE[c] = ESCAPE_CUSTOM;
        }
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return TABLE;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch < 32 ? LOWER[ch] : null;
    }
  }
}
