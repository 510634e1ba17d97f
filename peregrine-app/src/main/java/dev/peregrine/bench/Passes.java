package dev.peregrine.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.peregrine.engine.Engine;
import dev.peregrine.event.EventDecoder;
import dev.peregrine.event.Json;
import dev.peregrine.event.ParallelDecoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The measured workloads, each one pass over the same bytes in memory. */
final class Passes {
  private static final JsonFactory FACTORY = Json.mapper().getFactory();
  private static final ObjectReader TREES = Json.mapper().readerFor(JsonNode.class);
  private static final EventDecoder DECODER = new EventDecoder();

  private Passes() {}

  /** (a) Jackson streaming: every token read and skipped; the JSON-parsing limit. */
  static Measure.Pass streamSkip(byte[] data) {
    return () -> {
      long n = 0;
      try (JsonParser p = FACTORY.createParser(data)) {
        while (p.nextToken() != null) {
          n++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return n;
    };
  }

  /** (b) Jackson {@code readTree} of every event. */
  static Measure.Pass readTree(byte[] data) {
    return () -> {
      long n = 0;
      try (MappingIterator<JsonNode> it = TREES.readValues(data)) {
        while (it.hasNextValue()) {
          it.nextValue();
          n++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return n;
    };
  }

  /**
   * (c) Peregrine's decoder (framing, error recovery, trees, event time), no rules; (c0) the
   * same without its fast path for lines (the streaming parser reads everything).
   */
  static Measure.Pass decode(byte[] data, boolean fastPath) {
    return decode(data, fastPath ? DECODER : DECODER.withoutFastPath());
  }

  /** (cJ) Decode only, whole lines read by Jackson's blocking parser without the byte scanner. */
  static Measure.Pass decodeWithoutScanner(byte[] data) {
    return decode(data, DECODER.withoutScanner());
  }

  private static Measure.Pass decode(byte[] data, EventDecoder decoder) {
    return () -> {
      long[] n = new long[1];
      decoder.decode(data, "bench", e -> n[0]++, err -> n[0] += 1_000_000);
      return n[0];
    };
  }

  /** (c1) The decoder leaving out what {@code engine}'s rules do not read, no rules. */
  static Measure.Pass decodeSelected(byte[] data, Engine engine) {
    EventDecoder decoder = DECODER.withSelection(engine.selection());
    return () -> {
      long[] n = new long[1];
      decoder.decode(data, "bench", e -> n[0]++, err -> n[0] += 1_000_000);
      return n[0];
    };
  }

  /**
   * (dN) Like {@link #detect} on {@code threads} threads with the replay's parallel decoder
   * (wall-clock throughput of the whole machine, not of one core).
   */
  static Measure.Pass detectParallel(byte[] data, Engine engine, int threads) {
    EventDecoder decoder = DECODER.withSelection(engine.selection());
    return () -> {
      long[] n = new long[1];
      try (ParallelDecoder p = new ParallelDecoder(decoder, threads)) {
        p.decode(new ByteArrayInputStream(data), "bench", e -> engine.process(e).size(),
            k -> n[0] += k, err -> n[0] += 1_000_000);
      }
      return n[0];
    };
  }

  /**
   * (d-f) Decoding (only the parts the engine's rules read, when its selective decoding is on)
   * and evaluating every event; the checksum counts alerts.
   */
  static Measure.Pass detect(byte[] data, Engine engine) {
    return detect(data, engine, true);
  }

  /** {@link #detect(byte[], Engine)}, with or without the decoder's fast path for lines. */
  static Measure.Pass detect(byte[] data, Engine engine, boolean fastPath) {
    EventDecoder decoder = (fastPath ? DECODER : DECODER.withoutFastPath())
        .withSelection(engine.selection());
    return () -> {
      long[] n = new long[1];
      decoder.decode(data, "bench", e -> n[0] += engine.process(e).size(),
          err -> n[0] += 1_000_000);
      return n[0];
    };
  }
}
