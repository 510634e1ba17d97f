package dev.peregrine.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Decodes a stream on several threads and hands on the results in stream order, exactly as
 * {@link EventDecoder#decode(InputStream, String, Consumer, Consumer)} followed by {@code work} on
 * each event would, one event after another.
 *
 * <p>The stream is cut into parts of whole lines (about {@value #PART_BYTES} bytes each) that are
 * decoded, and each event passed through {@code work}, on a pool of threads; results and errors
 * are handed on in order on the calling thread. A part is only used when the part before it
 * ended between two top-level values, as JSON lines always do; otherwise (an Event printed over
 * several lines, a large EventList, a line cut short at the end of a part) the rest of the stream
 * is decoded on the calling thread from the start of that part, so the outcome is the same for
 * every input. {@code work} must not depend on the order in which events reach it.
 *
 * <p>An instance owns its threads until {@link #close()}; it decodes one stream at a time.
 */
public final class ParallelDecoder implements AutoCloseable {
  /** Target size of a part. */
  static final int PART_BYTES = 1 << 20;

  private final EventDecoder decoder;
  private final int threads;
  private final int partBytes;
  private final ExecutorService pool;

  /** A parallel form of {@code decoder} with {@code threads} (at least 1) decoding threads. */
  public ParallelDecoder(EventDecoder decoder, int threads) {
    this(decoder, threads, PART_BYTES);
  }

  ParallelDecoder(EventDecoder decoder, int threads, int partBytes) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive, was " + threads);
    }
    this.decoder = Objects.requireNonNull(decoder);
    this.threads = threads;
    this.partBytes = partBytes;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "peregrine-decode");
      t.setDaemon(true);
      return t;
    });
  }

  /** An error in a part's output (results are stored as they are). */
  private record Failed(DecodeError error) {}

  /** What a part gave: outputs in order and counts. */
  private record Done(List<Object> out, EventDecoder.Part part) {}

  /**
   * Decodes {@code in} to its end: {@code work} runs on decoding threads, {@code results} and
   * {@code errors} on the calling thread in stream order. The stream is not closed.
   *
   * @param origin name used in events and errors
   */
  public <R> DecodeStats decode(InputStream in, String origin, Function<AuditEvent, R> work,
      Consumer<R> results, Consumer<DecodeError> errors) {
    InputStream payload;
    try {
      payload = EventDecoder.unwrap(in);
    } catch (IOException e) {
      errors.accept(new DecodeError(origin, 1, null, "read failed: " + e.getMessage()));
      return new DecodeStats(0, 1, 0, 0);
    }
    Chunker chunker = new Chunker(payload, partBytes);
    ArrayDeque<Chunker.Chunk> parts = new ArrayDeque<>();
    ArrayDeque<Future<Done>> pending = new ArrayDeque<>();
    DecodeStats total = new DecodeStats(0, 0, 0, 0);
    boolean unsafe = false;
    while (true) {
      while (!unsafe && pending.size() < 2 * threads && !chunker.exhausted()) {
        Chunker.Chunk c = chunker.next();
        parts.add(c);
        unsafe = !c.plainLines();
        if (!unsafe) {
          pending.add(pool.submit(() -> part(c, origin, work)));
        }
      }
      if (pending.isEmpty()) {
        break;
      }
      Chunker.Chunk c = parts.poll();
      Done done = get(pending.poll());
      if (!done.part().clean() && !c.last()) {
        pending.forEach(f -> f.cancel(true));
        pending.clear();
        parts.addFirst(c);
        break;
      }
      total = total.plus(emit(done, results, errors));
    }
    if (parts.isEmpty()) {
      return total;
    }
    return total.plus(sequential(parts, chunker, origin, work, results, errors));
  }

  private <R> Done part(Chunker.Chunk c, String origin, Function<AuditEvent, R> work) {
    List<Object> out = new ArrayList<>();
    Consumer<AuditEvent> events = e -> out.add(work.apply(e));
    Consumer<DecodeError> errors = e -> out.add(new Failed(e));
    // only parts of plain lines get here; one that read without failing is decoded in place
    // (no copy)
    EventDecoder.Part p = c.failure() == null
        ? decoder.decodePart(c.data(), c.length(), origin, c.firstLine(), events, errors)
        : decoder.decodePart(c.stream(), origin, c.firstLine(), events, errors);
    return new Done(out, p);
  }

  @SuppressWarnings("unchecked")
  private static <R> DecodeStats emit(Done done, Consumer<R> results,
      Consumer<DecodeError> errors) {
    for (Object o : done.out()) {
      if (o instanceof Failed f) {
        errors.accept(f.error());
      } else {
        results.accept((R) o);
      }
    }
    return done.part().stats();
  }

  /** Decodes the parts not used and the rest of the stream on this thread. */
  private <R> DecodeStats sequential(ArrayDeque<Chunker.Chunk> parts, Chunker chunker,
      String origin, Function<AuditEvent, R> work, Consumer<R> results,
      Consumer<DecodeError> errors) {
    long firstLine = parts.peek().firstLine();
    List<InputStream> streams = new ArrayList<>();
    parts.forEach(c -> streams.add(c.stream()));
    streams.add(new InputStream() {
      private InputStream current = InputStream.nullInputStream();

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
          int n = current.read(b, off, len);
          if (n != -1 || chunker.exhausted()) {
            return n;
          }
          current = chunker.next().stream();
        }
      }
    });
    return decoder.decodePart(new SequenceInputStream(Collections.enumeration(streams)), origin,
        firstLine, e -> results.accept(work.apply(e)), errors).stats();
  }

  private static Done get(Future<Done> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while decoding", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Stops the decoding threads. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
