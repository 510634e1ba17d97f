package dev.peregrine.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;

/**
 * A JSON string of a decoded event, held as the bytes it was read from until something reads it:
 * most strings of an event are never read by the rules, and making each one a {@link String} as
 * it is read costs more than the rest of decoding it. Only strings checked as well-formed JSON
 * text in UTF-8, in an input that stays unchanged while its events are in use, are held so.
 *
 * <p>It behaves as a {@link TextNode} of the same text in everything but class: its {@link
 * #equals} is true for any string node of the same text, but a {@link TextNode} is equal only
 * to {@link TextNode}s, so a tree holding these is not equal to the same tree read by Jackson
 * when compared from Jackson's side (compare their text or their values).
 */
final class BytesText extends ValueNode {
  private static final long serialVersionUID = 1L;

  private final transient byte[] bytes;
  private final transient int from;
  private final transient int close;
  private final transient boolean escaped;
  private final transient boolean ascii;
  private final transient boolean surrogate;
  /** The text once made (racy but safe: a String is immutable). */
  private String text;

  /**
   * The string whose JSON text (between the quotes) is {@code bytes[from, close)}, checked by
   * {@link LineScanner}, which found whether it has escapes, only ASCII bytes and escaped
   * surrogates.
   */
  BytesText(byte[] bytes, int from, int close, boolean escaped, boolean ascii,
      boolean surrogate) {
    this.bytes = bytes;
    this.from = from;
    this.close = close;
    this.escaped = escaped;
    this.ascii = ascii;
    this.surrogate = surrogate;
  }

  /** True when the text has escapes (its bytes are not its UTF-8). */
  boolean escaped() {
    return escaped;
  }

  /** {@link ByteKeys#find} of the text, which must not be {@link #escaped}. */
  int findIn(ByteKeys keys) {
    return keys.find(bytes, from, close);
  }

  @Override
  public JsonNodeType getNodeType() {
    return JsonNodeType.STRING;
  }

  @Override
  public JsonToken asToken() {
    return JsonToken.VALUE_STRING;
  }

  @Override
  public String textValue() {
    String t = text;
    if (t == null) {
      t = LineScanner.text(bytes, from, close, escaped, ascii, surrogate);
      text = t;
    }
    return t;
  }

  @Override
  public String asText() {
    return textValue();
  }

  @Override
  public String asText(String defaultValue) {
    return textValue();
  }

  /** A {@link TextNode} of the text, whose conversions this node's are. */
  private TextNode plain() {
    return TextNode.valueOf(textValue());
  }

  @Override
  public boolean asBoolean(boolean defaultValue) {
    return plain().asBoolean(defaultValue);
  }

  @Override
  public int asInt(int defaultValue) {
    return plain().asInt(defaultValue);
  }

  @Override
  public long asLong(long defaultValue) {
    return plain().asLong(defaultValue);
  }

  @Override
  public double asDouble(double defaultValue) {
    return plain().asDouble(defaultValue);
  }

  @Override
  public byte[] binaryValue() throws IOException {
    return plain().binaryValue();
  }

  @Override
  public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
    g.writeString(textValue());
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof JsonNode n && n.isTextual()
        && textValue().equals(n.textValue());
  }

  @Override
  public int hashCode() {
    return textValue().hashCode();
  }

  /** A plain {@link TextNode} in its place (when written with Java serialization). */
  private Object writeReplace() {
    return plain();
  }
}
