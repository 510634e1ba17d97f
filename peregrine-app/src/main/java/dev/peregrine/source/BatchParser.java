package dev.peregrine.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.DecodeError;
import dev.peregrine.event.DecodeLimits;
import dev.peregrine.event.DecodeStats;
import dev.peregrine.event.EventDecoder;
import dev.peregrine.event.Format;
import dev.peregrine.event.Selection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one request body into events, or into the reason the whole body is refused. Bodies whose
 * JSON is malformed, too deep, holds a too-long string, holds no event at all or too many events
 * are refused whole; otherwise the valid events are kept and the rejected items are reported.
 * The audit paths read native events only ({@link Format#K8S}, as Falco's {@code k8saudit}); the
 * cloud path also unwraps the managed-cluster envelopes of its format.
 */
final class BatchParser {
  /** Origin of webhook events in diagnostics. */
  static final String ORIGIN = "webhook";

  /** The outcome of parsing a body. */
  sealed interface Parsed {}

  /**
   * Usable body: the valid events, the rejected items (possibly none) and the number of envelope
   * records passed over on purpose (other log categories, services or streams).
   */
  record Ok(List<AuditEvent> events, List<DecodeError> rejected, long skipped)
      implements Parsed {}

  /**
   * Refused body.
   *
   * @param status HTTP status to answer
   * @param reason short metric label
   * @param body the JSON answer's members
   */
  record Refused(int status, String reason, Map<String, Object> body) implements Parsed {}

  /** First byte of a spooled cloud body: no JSON text starts with it. */
  static final byte CLOUD_MARK = 0x01;

  private final Limits limits;
  private final Format format;
  private final EventDecoder decoder;
  private final Selection selection;
  private final JsonFactory locator;
  /** Parsers of the other formats met in spool records. */
  private final Map<Format, BatchParser> others = new EnumMap<>(Format.class);

  /** A parser of native bodies (the audit paths). */
  BatchParser(Limits limits) {
    this(limits, Format.K8S, Selection.all());
  }

  /** A parser of native bodies and the envelopes of {@code format}. */
  BatchParser(Limits limits, Format format) {
    this(limits, format, Selection.all());
  }

  /**
   * A parser of native bodies and the envelopes of {@code format} that leaves out of native
   * events what {@code selection} does not keep (see {@link EventDecoder#withSelection}).
   */
  BatchParser(Limits limits, Format format, Selection selection) {
    this.limits = limits;
    this.format = format;
    this.selection = selection;
    this.decoder = new EventDecoder(new DecodeLimits(limits.maxEventBytes()), format)
        .withJsonLimits(limits.maxDepth(), limits.maxStringBytes()).withSelection(selection);
    this.locator = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
        .maxStringLength(Integer.MAX_VALUE).maxNestingDepth(Integer.MAX_VALUE).build()).build();
  }

  Parsed parse(byte[] body) {
    if (body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
      return refused(415, "gzip", "compressed bodies are not accepted; send plain JSON");
    }
    // The parser enforces the depth limit everywhere and the string limit on every string it
    // reads, so a body that decodes without errors is within them, except for a string in a part
    // the selection skips unread, which only a body longer than the string limit can hold. So
    // the pass that finds a violation (and its offset) runs first for such long bodies, and
    // otherwise only when decoding reported an error.
    boolean scanned = body.length > limits.maxStringBytes();
    if (scanned) {
      Optional<Refused> r = limitViolation(body);
      if (r.isPresent()) {
        return r.get();
      }
    }
    List<AuditEvent> events = new ArrayList<>();
    List<DecodeError> errors = new ArrayList<>();
    DecodeStats stats = decoder.decode(body, ORIGIN, events::add, errors::add);
    if (!scanned && !errors.isEmpty()) {
      Optional<Refused> r = limitViolation(body);
      if (r.isPresent()) {
        return r.get();
      }
    }
    for (DecodeError e : errors) {
      if (e.reason().startsWith("invalid JSON")) {
        Optional<Refused> m = malformed(body, e);
        if (m.isPresent()) {
          return m.get();
        }
        break;  // the body is valid JSON: the text inside an envelope is not (a rejected item)
      }
    }
    if (events.size() > limits.maxEventsPerBatch()) {
      return refused(413, "too_many_events", "batch holds " + events.size()
          + " events; the limit is " + limits.maxEventsPerBatch());
    }
    if (events.isEmpty() && !errors.isEmpty()) {
      Refused r = refused(400, "not_an_event", "no audit event in the body");
      r.body().put("rejected", rejected(errors));
      return r;
    }
    return new Ok(events, errors, stats.skipped());
  }

  /** The refusal for the first depth or string-length violation in {@code body}, if any. */
  private Optional<Refused> limitViolation(byte[] body) {
    Optional<BodyScan.Violation> v =
        BodyScan.check(body, limits.maxDepth(), limits.maxStringBytes());
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Refused r = refused(400, "limit", v.get().reason());
    r.body().put("offset", v.get().offset());
    return Optional.of(r);
  }

  /**
   * What the spool keeps of an accepted body: native bodies as they are; cloud bodies behind
   * {@link #CLOUD_MARK} and the format, so that a restart parses them the same way.
   */
  byte[] spooled(byte[] body) {
    if (format == Format.K8S) {
      return body;
    }
    byte[] out = new byte[body.length + 2];
    out[0] = CLOUD_MARK;
    out[1] = (byte) format.ordinal();
    System.arraycopy(body, 0, out, 2, body.length);
    return out;
  }

  /**
   * Parses a spool record written by {@link #spooled}, with this parser's limits and selection
   * and a parser of the record's format (this one when it matches). Not thread-safe.
   */
  Parsed parseSpooled(byte[] record) {
    if (record.length >= 2 && record[0] == CLOUD_MARK) {
      Format f = Format.values()[record[1]];
      return forFormat(f).parse(Arrays.copyOfRange(record, 2, record.length));
    }
    return forFormat(Format.K8S).parse(record);
  }

  private BatchParser forFormat(Format f) {
    return f == format ? this
        : others.computeIfAbsent(f, k -> new BatchParser(limits, k, selection));
  }

  /**
   * Locates the syntax error exactly (byte offset, line, column) with a plain token pass; empty
   * when the body itself is valid JSON (the error was in JSON text embedded in an envelope).
   */
  private Optional<Refused> malformed(byte[] body, DecodeError first) {
    Refused r = refused(400, "invalid_json", "malformed JSON");
    try (JsonParser p = locator.createParser(body)) {
      while (p.nextToken() != null) {
        p.skipChildren();
      }
      return Optional.empty();
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      r.body().put("detail", DecodeError.jacksonMessage(e));
      if (loc != null) {
        r.body().put("offset", loc.getByteOffset());
        r.body().put("line", loc.getLineNr());
        r.body().put("column", loc.getColumnNr());
      }
    } catch (IOException e) {
      r.body().put("detail", first.reason());
    }
    if (first.path() != null) {
      r.body().put("path", first.path());
    }
    return Optional.of(r);
  }

  static Refused refused(int status, String reason, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    return new Refused(status, reason, body);
  }

  /** Rejected items as answer members (at most 100 listed). */
  static List<Map<String, Object>> rejected(List<DecodeError> errors) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DecodeError e : errors.subList(0, Math.min(100, errors.size()))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", e.path() == null ? "$" : e.path());
      m.put("reason", e.reason());
      out.add(m);
    }
    return out;
  }

  /** Short metric label for a rejected item. */
  static String label(DecodeError e) {
    String r = e.reason();
    if (r.equals(DecodeError.NOT_AN_EVENT)) {
      return "not_an_event";
    } else if (r.contains("stageTimestamp")) {
      return "bad_timestamp";
    } else if (r.startsWith("event larger")) {
      return "event_too_large";
    } else if (r.startsWith("invalid JSON")) {
      return "invalid_json";
    }
    return "other";
  }
}
