package dev.peregrine.auditpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.event.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The size measure of simulations: the bytes of an event's line in a JSON-lines audit log, i.e.
 * its compact JSON serialization in UTF-8 plus one newline. This is what the apiserver's log
 * backend writes per event; the webhook backend sends the same JSON inside an EventList.
 * Whitespace and key order of the original file do not count.
 */
public final class EventBytes {
  private EventBytes() {}

  /** Bytes of the event's line (compact JSON plus newline). */
  public static long of(JsonNode event) {
    Counter c = new Counter();
    try {
      Json.mapper().writeValue(c, event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return c.n + 1;
  }

  private static final class Counter extends OutputStream {
    long n;

    @Override
    public void write(int b) {
      n++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      n += len;
    }
  }
}
