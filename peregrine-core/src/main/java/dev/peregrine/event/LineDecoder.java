package dev.peregrine.event;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The fast path of {@link StreamDecoder}: decodes complete lines already in memory with a
 * blocking parser, which is much faster than the non-blocking one, for the shapes the log and
 * webhook backends write: one Event per line, or one EventList per line (or per body), each
 * starting with its {@code kind}. Values in a subtree the {@link Selection} does not keep are
 * skipped by the parser without being decoded.
 *
 * <p>It hands on only what the streaming decoder would have handed on for the same bytes, and
 * only values that are complete and end their line. At anything else (another shape, malformed
 * JSON, a value over the size limit, a line feed the parser would count differently) it stops
 * at the start of the line holding that value, hands on nothing of it, and the streaming decoder
 * takes over there.
 *
 * <p>One difference remains, in line numbers only: after a carriage return not followed by a
 * line feed, Jackson's non-blocking parser may fail to count the next line feed, and the
 * blocking one counts it. Lines that the fast path reads are numbered as the blocking parser
 * numbers them. Audit logs end lines with a line feed.
 */
final class LineDecoder {
  private final JsonFactory factory;
  private final JsonNodeFactory nodes;
  private final Selection selection;
  private final long maxBytes;
  private final String oversize;
  private final LineScanner scanner;

  /** Where the last call stopped: an array index at a line start, and that line's number. */
  private int stopIndex;
  private long stopLine;
  /** True when the bytes being decoded end the input: the last line needs no line feed. */
  private boolean last;
  /**
   * {@code selection} null keeps everything; {@code scan} to read lines with a {@link
   * LineScanner} first. The arrays given to {@link #decode} must stay unchanged while events
   * made of them are in use (events refer to their bytes).
   */
  LineDecoder(JsonFactory factory, JsonNodeFactory nodes, Selection selection, long maxBytes,
      String oversize, boolean scan) {
    this.factory = factory;
    this.nodes = nodes;
    this.selection = selection;
    this.maxBytes = maxBytes;
    this.oversize = oversize;
    StreamReadConstraints limits = factory.streamReadConstraints();
    this.scanner = !scan ? null : new LineScanner(nodes, selection,
        limits.getMaxNestingDepth(),
        Math.min(limits.getMaxStringLength(), limits.getMaxNameLength()), maxBytes);
  }

  int stopIndex() {
    return stopIndex;
  }

  long stopLine() {
    return stopLine;
  }

  /**
   * Decodes the lines in {@code buf[from, to)} ({@code to} is just after a line feed, or the end
   * of the input when {@code last}; {@code line} is the number of the line at {@code from})
   * until they end or a value is not one this path handles. Returns true when all of them were
   * decoded; else {@link #stopIndex()} and {@link #stopLine()} tell where the streaming decoder
   * must start.
   */
  boolean decode(byte[] buf, int from, int to, long line, boolean last, Sink sink) {
    if (scanner == null) {
      return parse(buf, from, to, line, last, sink);
    }
    int pos = from;
    long ln = line;
    while (pos < to) {
      int next = scanner.scan(buf, pos, to, last, ln);
      if (next < 0) {
        // declined: this line (or the rest, when it has no line feed) is read by Jackson
        int lineTo = pos;
        while (lineTo < to && buf[lineTo] != '\n') {
          lineTo++;
        }
        lineTo = Math.min(lineTo + 1, to);
        if (!parse(buf, pos, lineTo, ln, last && lineTo == to, sink)) {
          return false;
        }
        pos = stopIndex;
        ln = stopLine;
        continue;
      }
      switch (scanner.kind()) {
        case EVENT -> sink.value(scanner.event(), ln, "",
            scanner.pruned() ? source(buf, scanner.start(), scanner.end()) : null);
        case LIST -> items(buf, scanner.items(), sink);
        case BLANK -> { }
      }
      if (buf[next - 1] == '\n') {
        ln++;
      }
      pos = next;
    }
    stopIndex = to;
    stopLine = ln;
    return true;
  }

  /** The Jackson path of {@link #decode}, for the lines {@link LineScanner} declines. */
  private boolean parse(byte[] buf, int from, int to, long line, boolean last, Sink sink) {
    this.last = last;
    stopIndex = from;
    stopLine = line;
    try (JsonParser p = factory.createParser(buf, from, to - from)) {
      while (true) {
        JsonToken t = p.nextToken();
        if (t == null) {
          stopIndex = to;
          stopLine = line + p.currentLocation().getLineNr() - 1;
          return true;
        }
        if (t != JsonToken.START_OBJECT) {
          return false;
        }
        JsonLocation at = p.currentTokenLocation();
        if (p.nextToken() != JsonToken.FIELD_NAME || !"kind".equals(p.currentName())
            || p.nextToken() != JsonToken.VALUE_STRING || !value(p, buf, from, to, line, sink, at)) {
          return false;
        }
      }
    } catch (JacksonException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("reading bytes in memory", e);
    }
  }

  /**
   * Reads the rest of a top-level object (starting {@code at}) whose {@code kind} value is the
   * current token and, when it ends its line, hands it on and moves the stop to the next line.
   */
  private boolean value(JsonParser p, byte[] buf, int from, int to, long line, Sink sink,
      JsonLocation at) throws IOException {
    long valueLine = line + at.getLineNr() - 1;
    int start = from + (int) at.getByteOffset();
    String kind = p.getText();
    if (kind.equals("Event")) {
      ObjectNode o = nodes.objectNode();
      o.put("kind", kind);
      boolean pruned = members(p, o, selection, true);
      int end = from + (int) p.currentLocation().getByteOffset();
      if (end - start > maxBytes || !endsLine(p, buf, end, to, line)) {
        return false;
      }
      sink.value(o, valueLine, "", pruned ? source(buf, start, end) : null);
      return true;
    }
    if (kind.equals("EventList")) {
      return list(p, buf, from, to, line, sink, start);
    }
    return false;
  }

  /** One item of an EventList, held until the whole list has been read. */
  record Item(ObjectNode node, long line, int start, int end, boolean pruned) {}

  private boolean list(JsonParser p, byte[] buf, int from, int to, long line, Sink sink,
      int start) throws IOException {
    List<Item> items = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if (items != null || !name.equals("items")) {
        p.skipChildren();
        continue;
      }
      if (t != JsonToken.START_ARRAY
          || from + p.currentTokenLocation().getByteOffset() - start > maxBytes) {
        return false;
      }
      items = new ArrayList<>();
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.START_OBJECT) {
          return false;
        }
        JsonLocation at = p.currentTokenLocation();
        ObjectNode o = nodes.objectNode();
        boolean pruned = members(p, o, selection, true);
        items.add(new Item(o, line + at.getLineNr() - 1, from + (int) at.getByteOffset(),
            from + (int) p.currentLocation().getByteOffset(), pruned));
      }
    }
    int end = from + (int) p.currentLocation().getByteOffset();
    if (items == null || !endsLine(p, buf, end, to, line)) {
      return false;
    }
    items(buf, items, sink);
    return true;
  }

  /** Hands on the items of an EventList read whole. */
  private void items(byte[] buf, List<Item> items, Sink sink) {
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      String path = Sink.child("items", i);
      if (it.end - it.start > maxBytes) {
        sink.reject(it.line, path, oversize);
      } else if (it.pruned && selection.keepsSource()) {
        sink.prunedItem(it.node, it.line, path, source(buf, it.start, it.end));
      } else {
        sink.item(it.node, it.line, path, null);
      }
    }
  }

  /**
   * True when only blanks follow {@code end} on its line, and no carriage return that the parser
   * would count as a line break of its own; then the stop moves to the next line.
   */
  private boolean endsLine(JsonParser p, byte[] buf, int end, int to, long line) {
    for (int i = end; i < to; i++) {
      byte b = buf[i];
      if (b == '\n') {
        stopIndex = i + 1;
        stopLine = line + p.currentLocation().getLineNr();
        return true;
      }
      if (b != ' ' && b != '\t' && !(b == '\r' && i + 1 < to && buf[i + 1] == '\n')) {
        return false;
      }
    }
    if (last) {
      stopIndex = to;
      stopLine = line + p.currentLocation().getLineNr() - 1;
    }
    return last;
  }

  /**
   * Reads the members of the object whose start the parser has passed into {@code o}, keeping
   * what {@code sel} keeps ({@code top}: the object is an Event's top level, where only {@link
   * Selection#PRUNABLE} members may be left out). Returns true when something was left out.
   */
  private boolean members(JsonParser p, ObjectNode o, Selection sel, boolean top)
      throws IOException {
    if (sel == null || sel.keepsAll()) {
      String name;
      while ((name = p.nextFieldName()) != null) {
        o.set(name, whole(p, p.nextToken()));
      }
      return false;
    }
    boolean pruned = false;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      Selection child = top ? sel.memberOf(name) : sel.child(name);
      if (child == null) {
        p.skipChildren();
        pruned = true;
      } else {
        pruned |= member(p, t, o, name, child);
      }
    }
    return pruned;
  }

  private boolean member(JsonParser p, JsonToken t, ObjectNode o, String name, Selection sel)
      throws IOException {
    if (sel.keepsAll()) {
      o.set(name, whole(p, t));
      return false;
    }
    switch (t) {
      case START_OBJECT -> {
        ObjectNode child = nodes.objectNode();
        o.set(name, child);
        return members(p, child, sel, false);
      }
      case START_ARRAY -> {
        ArrayNode child = nodes.arrayNode();
        o.set(name, child);
        return elements(p, child, sel);
      }
      default -> {
        o.set(name, scalar(p, t));
        return false;
      }
    }
  }

  /** Elements of an array on a selected path: each gets the array's selection. */
  private boolean elements(JsonParser p, ArrayNode a, Selection sel) throws IOException {
    boolean pruned = false;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      switch (t) {
        case START_OBJECT -> {
          ObjectNode child = nodes.objectNode();
          a.add(child);
          pruned |= members(p, child, sel, false);
        }
        case START_ARRAY -> {
          ArrayNode child = nodes.arrayNode();
          a.add(child);
          pruned |= elements(p, child, sel);
        }
        default -> a.add(scalar(p, t));
      }
    }
    return pruned;
  }

  /** The whole value starting at the current token {@code t}. */
  private JsonNode whole(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = nodes.objectNode();
        String name;
        while ((name = p.nextFieldName()) != null) {
          o.set(name, whole(p, p.nextToken()));
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = nodes.arrayNode();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          a.add(whole(p, e));
        }
        return a;
      }
      default -> {
        return scalar(p, t);
      }
    }
  }

  /** A scalar read as {@link Json#mapper()} reads it (exact decimals). */
  private JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
    return TreeBuilder.scalar(nodes, t, p);
  }

  /** Rebuilds the whole object from its text in {@code buf}, when the selection asks for that. */
  private Supplier<ObjectNode> source(byte[] buf, int start, int end) {
    if (!selection.keepsSource()) {
      return null;
    }
    return EventSource.of(nodes, buf, start, end);
  }
}
