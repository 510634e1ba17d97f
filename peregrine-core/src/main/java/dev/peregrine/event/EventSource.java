package dev.peregrine.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The text of an event a {@link Selection} pruned, kept so that {@link AuditEvent#full()} can
 * rebuild the whole object from it.
 */
final class EventSource {
  private EventSource() {}

  /**
   * Rebuilds the whole object held in {@code buf[start, end)} when called: from {@code buf}
   * itself when {@code inPlace} (it is the caller's whole input, which stays unchanged while its
   * events are in use), else from a copy taken now.
   */
  static Supplier<ObjectNode> of(JsonNodeFactory nodes, byte[] buf,
      int start, int end, boolean inPlace) {
    if (inPlace) {
      return () -> rebuild(nodes, buf, start, end - start);
    }
    byte[] text = Arrays.copyOfRange(buf, start, end);
    return () -> rebuild(nodes, text, 0, text.length);
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
