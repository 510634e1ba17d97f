package dev.peregrine.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A deterministic, seeded corpus of realistic audit events: the same spec gives the same bytes on
 * every machine and JVM. Traffic classes are drawn by {@link Mix}; see {@link Kind} for what each
 * class contains.
 */
public final class Corpus {
  /** 2026-11-26T10:00:00Z, the time of the first event. */
  static final long START_NANOS = 1_795_687_200_000_000_000L;

  /** How many events, from which seed, in which mix. */
  public record Spec(int count, long seed, Mix mix) {
    public Spec {
      Objects.requireNonNull(mix);
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative");
      }
    }
  }

  /** Output layouts: one Event per line, or webhook EventList batches (one per line). */
  public enum Format { JSONL, EVENTLIST }

  /** Size statistics of the serialised events (bytes, without line ends). */
  public record Sizes(int count, long total, int min, int median, int p95, int max) {}

  private final List<byte[]> events;
  private final List<Kind> kinds;

  private Corpus(List<byte[]> events, List<Kind> kinds) {
    this.events = events;
    this.kinds = kinds;
  }

  /**
   * Generates the corpus. With {@code withKind} every event carries {@code kind} and {@code
   * apiVersion} (log backend); without, it looks like an item of a webhook EventList.
   */
  public static Corpus generate(Spec spec, boolean withKind) {
    SplittableRandom rnd = new SplittableRandom(spec.seed());
    Generator g = new Generator(rnd, START_NANOS, withKind);
    ObjectMapper mapper = Json.mapper();
    List<byte[]> out = new ArrayList<>(spec.count());
    List<Kind> kinds = new ArrayList<>(spec.count());
    try {
      for (int i = 0; i < spec.count(); i++) {
        Kind k = spec.mix().draw(rnd);
        ObjectNode e = g.next(k);
        out.add(mapper.writeValueAsBytes(e));
        kinds.add(k);
      }
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return new Corpus(List.copyOf(out), List.copyOf(kinds));
  }

  /** The events as JSON lines. */
  public static Corpus generate(Spec spec) {
    return generate(spec, true);
  }

  /** Each event's compact JSON, in order. */
  public List<byte[]> events() {
    return events;
  }

  /** Each event's traffic class, in order. */
  public List<Kind> kinds() {
    return kinds;
  }

  /** All events as JSON lines ({@code \n} after each). */
  public byte[] jsonl() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeJsonl(out);
    return out.toByteArray();
  }

  /** Writes the events as JSON lines. */
  public void writeJsonl(OutputStream out) {
    try {
      for (byte[] e : events) {
        out.write(e);
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes EventList objects of up to {@code batch} items, one per line. */
  public void writeEventLists(OutputStream out, int batch) {
    byte[] head = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":["
        .getBytes(StandardCharsets.US_ASCII);
    try {
      for (int i = 0; i < events.size(); i += batch) {
        out.write(head);
        for (int j = i; j < Math.min(events.size(), i + batch); j++) {
          if (j > i) {
            out.write(',');
          }
          out.write(events.get(j));
        }
        out.write("]}\n".getBytes(StandardCharsets.US_ASCII));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Size statistics of the events. */
  public Sizes sizes() {
    int[] s = events.stream().mapToInt(b -> b.length).toArray();
    if (s.length == 0) {
      return new Sizes(0, 0, 0, 0, 0, 0);
    }
    Arrays.sort(s);
    long total = Arrays.stream(s).asLongStream().sum();
    return new Sizes(s.length, total, s[0], s[s.length / 2], s[(int) (s.length * 0.95)],
        s[s.length - 1]);
  }
}
