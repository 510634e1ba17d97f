package dev.peregrine.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The text of an event a {@link Selection} pruned, kept so that {@link AuditEvent#full()} can
 * rebuild the whole object from it.
 */
final class EventSource {
  private EventSource() {}

  /**
   * Rebuilds the whole object held in {@code buf[start, end)} when called, from {@code buf}
   * itself: decoders never change bytes they have handed out (a window of a stream moves what it
   * keeps into a new array), so the text stays there while the event is in use.
   */
  static Supplier<ObjectNode> of(JsonNodeFactory nodes, byte[] buf, int start, int end) {
    return () -> rebuild(nodes, buf, start, end - start);
  }

  /**
   * The whole object held in {@code text[off, off + len)}, read without the decoder's string
   * limit: the decoder checked the strings it read, and passed over the others unread (its
   * nesting depth was checked everywhere), so an event it accepted must not fail here.
   */
  static ObjectNode rebuild(JsonNodeFactory nodes, byte[] text, int off, int len) {
    try (JsonParser p = Json.mapper().getFactory().createParser(text, off, len)) {
      return (ObjectNode) Json.readValue(p, nodes);
    } catch (IOException e) {
      throw new UncheckedIOException("re-reading an event already read", e);
    }
  }
}
