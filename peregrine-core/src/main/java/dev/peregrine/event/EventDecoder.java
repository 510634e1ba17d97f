package dev.peregrine.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.peregrine.event.cloud.Envelopes;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Decodes Kubernetes audit payloads into {@link AuditEvent}s, reporting every record that is not
 * an event as a {@link DecodeError} and going on with the rest.
 *
 * <p>Accepted, mixed freely in one stream: JSON lines (one Event per line), Events pretty-printed
 * over several lines, JSON values simply concatenated, {@code EventList} objects, and JSON arrays
 * whose elements are Events, EventLists or arrays again. Gzip is recognised by its magic bytes
 * ({@code 1f 8b}) and a UTF-8 byte order mark at the start is skipped. {@code apiVersion} is never
 * checked.
 *
 * <p>Which values are events:
 *
 * <ul>
 *   <li>an object whose {@code kind} is the string {@code "Event"};
 *   <li>an object with no {@code kind} at all but with {@code auditID} and {@code stage}: the
 *       apiserver leaves {@code kind} and {@code apiVersion} out of the Events inside an
 *       EventList, and such events are accepted standing alone too (Falco rejects them);
 *   <li>each element of the {@code items} array of an object whose {@code kind} is {@code
 *       "EventList"}, provided it is an object (its own {@code kind} is not checked, as in Falco).
 * </ul>
 *
 * Anything else (another or a non-string {@code kind}, an EventList without an {@code items}
 * array, a scalar) is reported as {@value DecodeError#NOT_AN_EVENT}. An event's time is its
 * {@code stageTimestamp} (RFC 3339, up to nine fractional digits, any offset); an event without
 * one, or with one that does not parse, is reported and dropped.
 *
 * <p>Unlike Falco, a bad element of an array or EventList drops only itself, reported with its
 * path ({@code [2]}, {@code items[3]}); its neighbours are still decoded. Malformed JSON is
 * reported with the parser's message and decoding starts again at the line after the first line
 * of the broken record, so a truncated line loses nothing that follows it. An event larger than
 * {@link DecodeLimits#maxEventBytes()} is reported and skipped without being kept in memory.
 * Arrays and EventList {@code items} are streamed, so that limit applies to each element, not to
 * the whole list (except for the part of an EventList read before both its {@code kind} and its
 * {@code items} were seen). Lines have no length limit.
 *
 * <p>Managed-cluster envelopes are unwrapped as well, by default all of them, detected per
 * record, so one stream may mix them with native events: EKS CloudWatch Logs exports and
 * subscription payloads, GKE Cloud Logging entries and Pub/Sub push messages, AKS diagnostic
 * {@code records} (see {@link Envelopes} and {@code docs/managed-clusters.md}). A {@link Format}
 * other than {@link Format#AUTO} limits this to one service ({@link Format#K8S}: none). Large
 * envelope arrays ({@code records}, {@code events}, {@code logEvents}) are streamed like EventList
 * {@code items}; errors inside an envelope carry the path of the part that failed, such as {@code
 * records[3].properties.log}. Records passed over on purpose (other AKS log categories, other GKE
 * services, CloudWatch control messages and non-audit log streams) are only counted, in {@link
 * DecodeStats#skipped()}.
 *
 * <p>An instance is immutable and may be shared; each call decodes on the calling thread.
 */
public final class EventDecoder {
  private final DecodeLimits limits;
  private final Format format;
  private final JsonFactory factory;
  private final Envelopes envelopes;
  private final Selection selection;
  private final LinePath lines;
  private final int maxDepth;
  private final long maxStringBytes;

  /** Magic bytes of gzip data. */
  private static final int[] GZIP = {0x1f, 0x8b};
  /** A UTF-8 byte order mark. */
  private static final int[] BOM = {0xef, 0xbb, 0xbf};

  /** Default deepest nesting of objects and arrays. */
  static final int DEFAULT_MAX_DEPTH = 1000;

  /** A decoder with the given limits that detects every format ({@link Format#AUTO}). */
  public EventDecoder(DecodeLimits limits) {
    this(limits, Format.AUTO);
  }

  /** A decoder with the given limits for native events and the envelopes of {@code format}. */
  public EventDecoder(DecodeLimits limits, Format format) {
    this(limits, format, null);
  }

  private EventDecoder(DecodeLimits limits, Format format, Selection selection) {
    this(limits, format, selection, LinePath.SCANNER, DEFAULT_MAX_DEPTH, limits.maxEventBytes());
  }

  private EventDecoder(DecodeLimits limits, Format format, Selection selection,
      LinePath lines, int maxDepth, long maxStringBytes) {
    this.lines = lines;
    this.maxDepth = maxDepth;
    this.maxStringBytes = maxStringBytes;
    this.selection = selection == null || selection.keepsAll() ? null : selection;
    this.limits = Objects.requireNonNull(limits);
    this.format = Objects.requireNonNull(format);
    this.envelopes = new Envelopes(format, limits.maxEventBytes());
    JsonFactory base = Json.mapper().getFactory();
    int maxString = (int) Math.min(Math.min(limits.maxEventBytes(), maxStringBytes),
        Integer.MAX_VALUE);
    StreamReadConstraints constraints =
        base.streamReadConstraints().rebuild()
            .maxStringLength(maxString)
            .maxNameLength(Math.min(maxString, base.streamReadConstraints().getMaxNameLength()))
            .maxNestingDepth(maxDepth)
            .build();
    this.factory = base.rebuild().streamReadConstraints(constraints).build();
  }

  /** A decoder with {@link DecodeLimits#defaults()}. */
  public EventDecoder() {
    this(DecodeLimits.defaults());
  }

  /** A decoder with {@link DecodeLimits#defaults()} for {@code format}. */
  public EventDecoder(Format format) {
    this(DecodeLimits.defaults(), format);
  }

  /**
   * A decoder like this one that leaves out of native events (top-level values and EventList
   * items; not events unwrapped from managed-cluster envelopes) the members {@code selection}
   * does not keep. Consumers of its events must read nothing else: use the selection of the
   * engine that evaluates them, and none when anything else (an audit policy) reads the events.
   */
  public EventDecoder withSelection(Selection selection) {
    return new EventDecoder(limits, format, selection, lines, maxDepth, maxStringBytes);
  }

  /**
   * A decoder like this one whose parser also refuses JSON nested deeper than {@code maxDepth}
   * and strings (and member names) it reads that are longer than {@code maxStringBytes}: the
   * record holding them is reported as an error. Strings in parts a selection leaves out are
   * passed over unread and not checked.
   */
  public EventDecoder withJsonLimits(int maxDepth, long maxStringBytes) {
    if (maxDepth <= 0 || maxStringBytes <= 0) {
      throw new IllegalArgumentException("JSON limits must be positive");
    }
    return new EventDecoder(limits, format, selection, lines, maxDepth, maxStringBytes);
  }

  /**
   * This decoder without its fast path for whole lines: every byte goes through the streaming
   * parser. The results are the same (line numbers after a lone carriage return aside, see
   * {@code LineDecoder}); tests and benchmarks compare the two.
   */
  public EventDecoder withoutFastPath() {
    return new EventDecoder(limits, format, selection, LinePath.STREAMING, maxDepth,
        maxStringBytes);
  }

  /**
   * This decoder with the fast path for whole lines, but reading them with Jackson's blocking
   * parser alone, without the byte scanner in front of it ({@code LineScanner}). The results are
   * the same; tests and benchmarks compare the two.
   */
  public EventDecoder withoutScanner() {
    return new EventDecoder(limits, format, selection,
        lines == LinePath.STREAMING ? lines : LinePath.JACKSON, maxDepth, maxStringBytes);
  }

  /** The selection this decoder applies, or {@link Selection#all()}. */
  public Selection selection() {
    return selection == null ? Selection.all() : selection;
  }

  /** The limits this decoder applies. */
  public DecodeLimits limits() {
    return limits;
  }

  /** The envelopes this decoder unwraps. */
  public Format format() {
    return format;
  }

  /**
   * Decodes {@code in} to its end, calling {@code events} for each event and {@code errors} for
   * each rejected record, in stream order. The stream is not closed. A failure to read the
   * stream (such as a truncated gzip file) is reported as a final error, not thrown.
   *
   * @param origin name used in events and errors (a file name, {@code -} for stdin)
   */
  public DecodeStats decode(InputStream in, String origin, Consumer<AuditEvent> events,
      Consumer<DecodeError> errors) {
    return run(origin, events, errors, 1, 0,
        sink -> streaming(unwrap(in), sink, 1)).stats();
  }

  /**
   * Decodes one payload already in memory, such as a webhook request body or an envelope posted
   * by an Event Hubs, Pub/Sub push or Firehose forwarder. The events may refer to {@code body}
   * (to rebuild the whole event, see {@link AuditEvent#full()}): it must not change while they
   * are in use.
   */
  public DecodeStats decode(byte[] body, String origin, Consumer<AuditEvent> events,
      Consumer<DecodeError> errors) {
    if (startsWith(body, GZIP)) {
      return decode(new ByteArrayInputStream(body), origin, events, errors);
    }
    int bom = startsWith(body, BOM) ? BOM.length : 0;
    return run(origin, events, errors, 1, 0,
        sink -> inPlace(body, bom, body.length - bom, sink, 1)).stats();
  }

  /** What decoding one part of a stream gave. */
  record Part(DecodeStats stats, boolean clean) {}

  /**
   * Decodes {@code payload} (already unwrapped) as the part of a stream that starts at line
   * {@code firstLine} between two top-level values. {@link Part#clean()} tells whether it also
   * ended between top-level values, so that the next part may be decoded independently.
   */
  Part decodePart(InputStream payload, String origin, long firstLine,
      Consumer<AuditEvent> events, Consumer<DecodeError> errors) {
    // After the first line, the parser starts on a newline of its own (line firstLine - 1), so
    // that it has seen a line feed before, as it would have: it counts a lone CR only then.
    int lead = firstLine > 1 ? 1 : 0;
    InputStream in = lead == 0 ? payload
        : new SequenceInputStream(new ByteArrayInputStream(new byte[] {'\n'}), payload);
    return run(origin, events, errors, firstLine, lead,
        sink -> streaming(in, sink, firstLine - lead));
  }

  /**
   * {@link #decodePart(InputStream, String, long, Consumer, Consumer)} of the part held in {@code
   * data[0, length)}, decoded in place: the array must not change while its events are in use.
   * For parts without a lone carriage return (which the streaming parser counts as a line only
   * after a line feed).
   */
  Part decodePart(byte[] data, int length, String origin, long firstLine,
      Consumer<AuditEvent> events, Consumer<DecodeError> errors) {
    return run(origin, events, errors, firstLine, 0,
        sink -> inPlace(data, 0, length, sink, firstLine));
  }

  /** Opens the decoder of one input, reading into {@code sink}. */
  @FunctionalInterface
  private interface Opener {
    StreamDecoder open(Sink sink) throws IOException;
  }

  /**
   * Decodes the input {@code open} gives: a failure to read it is reported as an error at line
   * {@code firstLine}; {@code lead} bytes the decoder was given before the input are not counted.
   */
  private Part run(String origin, Consumer<AuditEvent> events, Consumer<DecodeError> errors,
      long firstLine, int lead, Opener open) {
    Sink sink = new Sink(Objects.requireNonNull(origin), envelopes, events, errors);
    long bytes = 0;
    boolean clean = false;
    try {
      StreamDecoder d = open.open(sink);
      bytes = d.run() - lead;
      clean = d.endedCleanly();
    } catch (IOException e) {
      sink.reject(firstLine, "", "read failed: " + e.getMessage());
    }
    return new Part(new DecodeStats(sink.eventCount(), sink.rejectedCount(), bytes,
        sink.skippedCount()), clean);
  }

  /** A decoder reading {@code in}, whose first line is {@code line}. */
  private StreamDecoder streaming(InputStream in, Sink sink, long line) {
    return new StreamDecoder(factory, EventNodes.INSTANCE, limits.maxEventBytes(), in, sink,
        selection, line, lines);
  }

  /** A decoder of the whole input {@code data[off, off + len)}, used in place. */
  private StreamDecoder inPlace(byte[] data, int off, int len, Sink sink, long line) {
    return new StreamDecoder(factory, EventNodes.INSTANCE, limits.maxEventBytes(),
        new ByteWindow(data, off, len), sink, selection, line, lines);
  }

  /** Undoes gzip (by magic bytes) and skips a UTF-8 byte order mark. */
  static InputStream unwrap(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, ByteWindow.CHUNK);
    in.mark(2);
    boolean gzip = startsWith(in, GZIP);
    in.reset();
    if (gzip) {
      in = new BufferedInputStream(new GZIPInputStream(in, ByteWindow.CHUNK), ByteWindow.CHUNK);
    }
    in.mark(3);
    if (!startsWith(in, BOM)) {
      in.reset();
    }
    return in;
  }

  /** True when {@code data} starts with {@code magic}. */
  private static boolean startsWith(byte[] data, int[] magic) {
    for (int i = 0; i < magic.length; i++) {
      if (i >= data.length || (data[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code in} starts with {@code magic}; reads up to the first byte that differs. */
  private static boolean startsWith(InputStream in, int[] magic) throws IOException {
    for (int b : magic) {
      if (in.read() != b) {
        return false;
      }
    }
    return true;
  }
}
