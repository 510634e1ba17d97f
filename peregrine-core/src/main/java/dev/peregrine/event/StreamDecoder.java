package dev.peregrine.event;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.cloud.Envelopes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Decodes one stream (single use). A non-blocking parser is fed chunk by chunk from a {@link
 * ByteWindow}, so the decoder always knows which bytes the parser has seen. Arrays and EventList
 * {@code items} are streamed; each event (a "record") is built as a tree while its bytes stay in
 * the window. After a syntax error the parser is replaced by a fresh one that starts at the line
 * after the failed record's first line, re-reading the held bytes, so a truncated line does not
 * take the following lines with it.
 */
final class StreamDecoder {
  private final JsonFactory factory;
  private final JsonNodeFactory nodes;
  private final long maxBytes;
  private final InputStream in;
  private final Sink sink;
  private final Selection selection;
  private final long firstLine;
  private final ByteWindow win;
  private final ArrayDeque<Frame> stack = new ArrayDeque<>();
  /** Hand-overs in a row without progress after which the fast path is given up. */
  private static final int MAX_FAST_MISSES = 8;
  /**
   * Longest line the fast path holds whole (a webhook body is one line); longer ones are
   * streamed, which holds no more than one event at a time.
   */
  private static final long MAX_FAST_LINE = 16L << 20;

  private JsonParser parser;
  private ByteArrayFeeder feeder;
  private long parserBase;
  private long parserLine;
  private boolean eof;
  private boolean errorAtEof;

  /** The fast path for whole lines, or null when it is off or has been given up. */
  private LineDecoder lines;
  /** True while the fast path reads; {@code fastPos} is then a line start, line {@code fastLine}. */
  private boolean fast;
  private long fastPos;
  private long fastLine;
  private long fastScanned;
  /** Times in a row the fast path stopped without reading anything. */
  private int fastMisses;

  private boolean recActive;
  private long recStart;
  private long recLine;
  private String recPath;

  StreamDecoder(JsonFactory factory, JsonNodeFactory nodes, long maxBytes, InputStream in,
      Sink sink, Selection selection, long firstLine, LinePath linePath) {
    this(factory, nodes, maxBytes, in, new ByteWindow(), sink, selection, firstLine, linePath);
  }

  /** A decoder of the input already held whole in {@code win}. */
  StreamDecoder(JsonFactory factory, JsonNodeFactory nodes, long maxBytes, ByteWindow win,
      Sink sink, Selection selection, long firstLine, LinePath linePath) {
    this(factory, nodes, maxBytes, InputStream.nullInputStream(), win, sink, selection,
        firstLine, linePath);
  }

  private StreamDecoder(JsonFactory factory, JsonNodeFactory nodes, long maxBytes,
      InputStream in, ByteWindow win, Sink sink, Selection selection, long firstLine,
      LinePath linePath) {
    this.win = win;
    this.selection = selection;
    if (linePath != LinePath.STREAMING) {
      this.lines = new LineDecoder(factory, nodes, selection, maxBytes, oversize(maxBytes),
          linePath == LinePath.SCANNER);
      this.fast = true;
      this.fastPos = 0;
      this.fastLine = firstLine;
    }
    this.firstLine = firstLine;
    this.factory = factory;
    this.nodes = nodes;
    this.maxBytes = maxBytes;
    this.in = in;
    this.sink = sink;
  }

  /** Decodes the whole stream; returns the number of bytes read. */
  long run() throws IOException {
    startParser(0, firstLine);
    if (!fast && win.end() > win.start()) {
      feeder.feedInput(win.array(), win.index(win.start()), win.index(win.end())); // held whole
    }
    while (true) {
      if (fast) {
        if (!fastStep()) {
          break;
        }
        continue;
      }
      try {
        JsonToken t = parser.nextToken();
        if (t == JsonToken.NOT_AVAILABLE) {
          feed();
        } else if (t == null) {
          break;
        } else {
          handle(t);
          if (lines != null && t.isStructEnd() && stack.isEmpty() && !recActive) {
            resumeFast();
          }
        }
      } catch (JacksonException e) {
        recover(e);
      }
    }
    parser.close();
    return win.total();
  }

  private void handle(JsonToken t) throws IOException {
    switch (stack.peek()) {
      case null -> startValue(t, "", null);
      case Frame.Values v -> {
        if (t == JsonToken.END_ARRAY) {
          stack.pop();
        } else {
          startValue(t, Sink.child(v.path, v.next++), null);
        }
      }
      case Frame.Items items -> {
        if (t == JsonToken.END_ARRAY) {
          stack.pop();
          stack.pop();
          stack.push(new Frame.Skip(1)); // rest of the EventList or envelope object
        } else {
          startValue(t, Sink.child(items.path, items.next++), items);
        }
      }
      case Frame.Probe probe -> probe(probe, t);
      case Frame.Item item -> {
        if (item.tree.accept(t, parser)) {
          stack.pop();
          finishRecord(item.tree, item);
        }
      }
      case Frame.Skip skip -> {
        if (t.isStructStart()) {
          skip.depth++;
        } else if (t.isStructEnd() && --skip.depth == 0) {
          stack.pop();
        }
      }
    }
  }

  /**
   * Starts a value at {@code path}: in value position when {@code parent} is null, else as an
   * element of an EventList's items or of an envelope array.
   */
  private void startValue(JsonToken t, String path, Frame.Items parent) throws IOException {
    JsonLocation loc = parser.currentTokenLocation();
    long line = parserLine + loc.getLineNr() - 1;
    if (t == JsonToken.START_ARRAY && parent == null) {
      stack.push(new Frame.Values(path));
    } else if (t.isStructStart()) {
      TreeBuilder tree = parent != null && parent.container != null ? new TreeBuilder(nodes)
          : new TreeBuilder(nodes, selection, parent != null);
      tree.accept(t, parser);
      stack.push(parent != null ? new Frame.Item(path, tree, parent.container)
          : new Frame.Probe(path, tree));
      recActive = true;
      recStart = parserBase + Math.max(loc.getByteOffset() - 1, 0); // token offsets are 1 ahead
      recLine = line;
      recPath = path;
    } else if (parent != null && parent.container != null) {
      TreeBuilder scalar = new TreeBuilder(nodes);
      scalar.accept(t, parser);
      sink.item(scalar.result(), line, path, parent.container);
    } else {
      sink.reject(line, path, DecodeError.NOT_AN_EVENT);
    }
  }

  private void probe(Frame.Probe probe, JsonToken t) throws IOException {
    if (probe.itemsPending || probe.pending != null) {
      Envelopes.Container container = probe.pending;
      String name = probe.itemsPending ? Sink.items(probe.path)
          : probe.path.isEmpty() ? probe.pendingName : probe.path + "." + probe.pendingName;
      probe.itemsPending = false;
      probe.pending = null;
      if (t == JsonToken.START_ARRAY) {
        recActive = false;
        stack.push(new Frame.Items(name, container));
        return;
      }
    }
    if (probe.tree.accept(t, parser)) {
      stack.pop();
      finishRecord(probe.tree, null);
    } else if (t == JsonToken.FIELD_NAME && probe.tree.depth() == 1) {
      String name = parser.currentName();
      if ("items".equals(name) && Sink.hasKind(probe.tree.root(), "EventList")) {
        probe.itemsPending = true;
      } else if (probe.tree.root() instanceof ObjectNode head) {
        probe.pending = sink.envelopes().container(head, name);
        probe.pendingName = name;
      }
    }
  }

  /** Hands a finished value on; {@code item} is its frame when it is an array element. */
  private void finishRecord(TreeBuilder tree, Frame.Item item) {
    recActive = false;
    long size = parserBase + parser.currentLocation().getByteOffset() - recStart;
    if (size > maxBytes) {
      sink.reject(recLine, recPath, oversize());
    } else if (item != null && tree.pruned()) {
      sink.prunedItem((ObjectNode) tree.result(), recLine, recPath, source(tree, size));
    } else if (item != null) {
      sink.item(tree.result(), recLine, recPath, item.container);
    } else {
      sink.value(tree.result(), recLine, recPath, source(tree, size));
    }
  }

  /**
   * For a record the selection pruned, when the selection asks for it: rebuilds the whole record
   * from its text, held in the window's array (which the window never changes). Else null.
   */
  private Supplier<ObjectNode> source(TreeBuilder tree, long size) {
    if (!tree.pruned() || !selection.keepsSource()) {
      return null;
    }
    int start = win.index(recStart);
    return EventSource.of(nodes, win.array(), start, start + (int) size);
  }

  private String oversize() {
    return oversize(maxBytes);
  }

  private static String oversize(long maxBytes) {
    return "event larger than max event size (" + maxBytes + " bytes)";
  }

  /**
   * One step of the fast path: decodes the whole lines held after {@code fastPos}, or reads
   * more. Hands over to the streaming parser where the fast path stops and on a line longer than
   * {@link #MAX_FAST_LINE} or the event size limit. Returns false at the end of the input.
   */
  private boolean fastStep() throws IOException {
    if (win.whole()) {
      // everything is held: the rest is one run of lines, the last without a line feed
      boolean all = lines.decode(win.array(), win.index(fastPos), win.index(win.end()),
          fastLine, true, sink);
      if (all) {
        return false;
      }
      fastMisses = lines.stopIndex() == win.index(fastPos) ? fastMisses + 1 : 0;
      fastPos += lines.stopIndex() - win.index(fastPos);
      fastLine = lines.stopLine();
      toSlow();
      return true;
    }
    // bytes before fastScanned are known to hold no line feed after fastPos
    long lastNl = win.lastIndexOf((byte) '\n', Math.max(fastPos, fastScanned));
    fastScanned = win.end();
    if (lastNl < 0) {
      if (eof) {
        if (win.blank(fastPos, win.end())) {
          return false;
        }
        // the last line, without a line feed (a webhook body)
        if (!lines.decode(win.array(), win.index(fastPos), win.index(win.end()), fastLine, true,
            sink)) {
          fastPos += lines.stopIndex() - win.index(fastPos);
          fastLine = lines.stopLine();
          toSlow();
          return true;
        }
        return false;
      } else if (win.end() - fastPos >= Math.min(maxBytes, MAX_FAST_LINE)) {
        toSlow();
      } else {
        win.discardBefore(fastPos - 1);
        read();
      }
      return true;
    }
    boolean all = lines.decode(win.array(), win.index(fastPos), win.index(lastNl + 1), fastLine,
        false, sink);
    long stop = fastPos + (lines.stopIndex() - win.index(fastPos));
    fastMisses = stop == fastPos ? fastMisses + 1 : 0;
    fastPos = stop;
    fastLine = lines.stopLine();
    if (!all) {
      toSlow();
    }
    return true;
  }

  /**
   * Hands over from the fast path to the streaming parser at {@code fastPos}. The parser starts
   * on the line feed before it, as it would have seen it. After many hand-overs in a row at which
   * the fast path read nothing, it is given up for this stream.
   */
  private void toSlow() throws IOException {
    fast = false;
    if (fastMisses >= MAX_FAST_MISSES) {
      lines = null;
    }
    if (fastPos > 0 && fastPos > win.start()) {
      restart(fastPos - 1, fastLine - 1);
    } else {
      restart(fastPos, fastLine);
    }
  }

  /**
   * After the streaming parser finished a top-level value: when the rest of its line is blank
   * and held, the fast path takes over at the next line.
   */
  private void resumeFast() {
    JsonLocation loc = parser.currentLocation();
    long end = parserBase + loc.getByteOffset();
    long nl = win.indexOf((byte) '\n', end);
    if (nl >= 0 && win.blankLineTail(end, nl)) {
      fast = true;
      fastPos = nl + 1;
      fastScanned = fastPos;
      fastLine = parserLine + loc.getLineNr();
    }
  }

  /** Called when the parser has used all it was given: checks the record size, reads more. */
  private void feed() throws IOException {
    if (recActive && win.end() - recStart > maxBytes) {
      Frame top = stack.pop();
      int depth = top instanceof Frame.Probe p ? p.tree.depth() : ((Frame.Item) top).tree.depth();
      stack.push(new Frame.Skip(depth));
      sink.reject(recLine, recPath, oversize());
      recActive = false;
    }
    win.discardBefore(recActive ? recStart : win.end());
    long before = win.end();
    if (read() < 0) {
      feeder.endOfInput();
    } else {
      feeder.feedInput(win.array(), win.index(before), win.index(win.end()));
    }
  }

  /** Reads one chunk into the window; a read failure is reported and ends the input. */
  private int read() {
    if (eof) {
      return -1;
    }
    try {
      int n = win.fill(in);
      eof = n < 0;
      return n;
    } catch (IOException e) {
      eof = true;
      sink.reject(currentLine(), "", "read failed: " + e.getMessage());
      return -1;
    }
  }

  private long currentLine() {
    if (fast) {
      return fastLine;
    }
    return parserLine + Math.max(parser.currentLocation().getLineNr(), 1) - 1;
  }

  private void startParser(long base, long line) throws IOException {
    parser = factory.createNonBlockingByteArrayParser();
    feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    parserBase = base;
    parserLine = line;
  }

  /**
   * True when the input ended between top-level values and no error was raised after its end
   * was seen: decoding the bytes that follow with a fresh decoder gives what decoding them after
   * these would have given.
   */
  boolean endedCleanly() {
    return !errorAtEof && stack.isEmpty() && !recActive;
  }

  private void recover(JacksonException e) throws IOException {
    errorAtEof |= eof;
    JsonLocation loc = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
    String msg = DecodeError.jacksonMessage(e);
    boolean tooLong = e instanceof StreamConstraintsException && msg.contains("MaxStringLength");
    long errLine = parserLine + Math.max(loc.getLineNr(), 1) - 1;
    long errAbs = parserBase + Math.max(loc.getByteOffset(), 0);
    int col = Math.max(loc.getColumnNr(), 1);
    boolean skipping = stack.peek() instanceof Frame.Skip;
    if (recActive && !tooLong) {
      // A record cut short by the end of the input gets no position: it is the end, and the
      // non-blocking parser places it inconsistently after a carriage return.
      boolean atEnd = eof && e instanceof JsonEOFException;
      String at = atEnd || errLine == recLine ? "" : " (line " + errLine + ", column " + col + ")";
      sink.reject(recLine, recPath, "invalid JSON: " + msg + at);
      restart(nextLineStart(recStart), recLine + 1);
      return;
    }
    if (recActive || !skipping || !tooLong) {
      sink.reject(recActive ? recLine : errLine, recActive ? recPath : "",
          tooLong ? oversize() : "invalid JSON: " + msg);
    }
    restartNearError(errAbs, errLine, col);
  }

  /**
   * Restarts after an error outside any held record ({@code errAbs} is the offending byte, {@code
   * col} its 1-based column): inside an array, when that byte is the first thing on its line,
   * the line is read again as a top-level value; otherwise decoding goes on at the next line.
   */
  private void restartNearError(long errAbs, long errLine, int col) throws IOException {
    long lineStart = errAbs - (col - 1);
    long target;
    long line;
    if (!stack.isEmpty() && win.blank(lineStart, errAbs)) {
      target = lineStart;
      line = errLine;
    } else {
      target = nextLineStart(errAbs);
      line = errLine + 1;
    }
    if (target <= parserBase) {
      target = nextLineStart(parserBase);
      line = parserLine + 1;
    }
    restart(target, line);
  }

  /** Offset just after the first newline at or after {@code from}, reading on as needed. */
  private long nextLineStart(long from) {
    long pos = Math.max(from, win.start());
    while (true) {
      long nl = win.indexOf((byte) '\n', pos);
      if (nl >= 0) {
        return nl + 1;
      }
      pos = win.end();
      win.discardBefore(pos);
      if (read() < 0) {
        return win.end();
      }
    }
  }

  private void restart(long target, long line) throws IOException {
    stack.clear();
    recActive = false;
    parser.close();
    startParser(target, line);
    win.discardBefore(target);
    if (win.end() > win.start()) {
      feeder.feedInput(win.array(), win.index(win.start()), win.index(win.end()));
    }
    if (eof) {
      feeder.endOfInput();
    }
  }
}
