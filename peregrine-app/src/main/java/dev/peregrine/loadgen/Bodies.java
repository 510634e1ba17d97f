package dev.peregrine.loadgen;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peregrine.bench.Corpus;
import dev.peregrine.bench.Mix;
import dev.peregrine.event.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The request bodies of a run: EventLists cut from a pool of events that is cycled through. On
 * every cycle after the first, the first eight hex digits of each auditID are replaced by the
 * cycle number, so that every event the run sends has an (auditID, stage) pair of its own while
 * events of one request that shared an auditID still do.
 */
final class Bodies {
  static final byte[] HEAD = ("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\","
      + "\"metadata\":{},\"items\":[").getBytes(StandardCharsets.US_ASCII);
  static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ID_KEY = "\"auditID\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final int STAMP = 8;

  private final List<byte[]> pool;
  private final int[] idAt;
  private final long events;
  private final int batch;

  /**
   * @param pool the distinct events (compact JSON objects)
   * @param events how many events the run sends in all
   * @param batch events per body
   */
  Bodies(List<byte[]> pool, long events, int batch) {
    if (pool.isEmpty()) {
      throw new IllegalArgumentException("no events to send");
    }
    this.pool = List.copyOf(pool);
    this.events = events;
    this.batch = batch;
    this.idAt = new int[pool.size()];
    for (int i = 0; i < idAt.length; i++) {
      idAt[i] = idOffset(pool.get(i));
    }
  }

  /** Bodies from the seeded corpus (items without kind/apiVersion, as the apiserver sends). */
  static Bodies corpus(long seed, int pool, long events, int batch) {
    int n = (int) Math.min(pool, events);
    return new Bodies(Corpus.generate(new Corpus.Spec(n, seed, Mix.defaults()), false).events(),
        events, batch);
  }

  /** Bodies from a file of Events, EventLists or arrays of them (JSON values in a row). */
  static Bodies file(Path input, long events, int batch) throws IOException {
    ObjectMapper mapper = Json.mapper();
    List<byte[]> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(input);
        JsonParser p = mapper.getFactory().createParser(in)) {
      for (JsonNode v; (v = Json.readValue(p)) != null; ) {
        collect(mapper, v, out);
      }
    }
    return new Bodies(out, events, batch);
  }

  private static void collect(ObjectMapper mapper, JsonNode v, List<byte[]> out)
      throws IOException {
    if (v.isArray()) {
      for (JsonNode e : v) {
        collect(mapper, e, out);
      }
    } else if ("EventList".equals(v.path("kind").asText()) && v.path("items").isArray()) {
      collect(mapper, v.get("items"), out);
    } else if (v.isObject()) {
      out.add(mapper.writeValueAsBytes(v));
    }
  }

  /** Number of bodies the run sends. */
  long count() {
    return (events + batch - 1) / batch;
  }

  /** Events in body {@code k}. */
  int size(long k) {
    return (int) Math.min(batch, events - k * batch);
  }

  /** Body {@code k}: an EventList of the events {@code k*batch ...}. */
  byte[] body(long k) {
    long first = k * batch;
    int n = size(k);
    int len = HEAD.length + TAIL.length + Math.max(0, n - 1);
    for (int j = 0; j < n; j++) {
      len += pool.get(index(first + j)).length;
    }
    byte[] b = new byte[len];
    System.arraycopy(HEAD, 0, b, 0, HEAD.length);
    int at = HEAD.length;
    for (int j = 0; j < n; j++) {
      if (j > 0) {
        b[at++] = ',';
      }
      int i = index(first + j);
      byte[] e = pool.get(i);
      System.arraycopy(e, 0, b, at, e.length);
      long cycle = (first + j) / pool.size();
      if (cycle > 0 && idAt[i] >= 0) {
        stamp(b, at + idAt[i], cycle);
      }
      at += e.length;
    }
    System.arraycopy(TAIL, 0, b, at, TAIL.length);
    return b;
  }

  private int index(long event) {
    return (int) (event % pool.size());
  }

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Writes the low 32 bits of {@code cycle} as 8 lower-case hex digits. */
  private static void stamp(byte[] b, int at, long cycle) {
    for (int i = STAMP - 1, v = (int) cycle; i >= 0; i--, v >>>= 4) {
      b[at + i] = HEX[v & 0xf];
    }
  }

  /** Where the auditID's value starts, or -1 when the event has none at least 8 chars long. */
  static int idOffset(byte[] e) {
    outer:
    for (int i = 0; i + ID_KEY.length + STAMP <= e.length; i++) {
      for (int j = 0; j < ID_KEY.length; j++) {
        if (e[i + j] != ID_KEY[j]) {
          continue outer;
        }
      }
      int start = i + ID_KEY.length;
      for (int j = 0; j < STAMP; j++) {
        byte c = e[start + j];
        if (c == '"' || c == '\\') {
          return -1;
        }
      }
      return start;
    }
    return -1;
  }
}
