package dev.peregrine.field;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.event.AuditEvent;

/**
 * A scalar field whose text is a JSON node of the event as {@link JsonText#asText} renders it:
 * a string's text, anything else as compact JSON. Such a field can tell whether its text contains
 * a token by searching the node, without rendering a possibly large object.
 */
public interface JsonTreeField extends Extractor {
  /** The node whose text this field is, or null when the field is absent. */
  JsonNode node(AuditEvent event);

  @Override
  default FieldType type() {
    return FieldType.STRING;
  }

  @Override
  default boolean isList() {
    return false;
  }

  @Override
  default String string(AuditEvent event) {
    return JsonText.asText(node(event));
  }

  /**
   * Whether this field's text contains any of {@code tokens}, each {@link
   * JsonValue#searchable}: false when the field is absent; null when the value is not an object
   * or array (then its text is short, or a string's raw text, and the caller tests it).
   *
   * <p>The compact JSON text of an object or array is punctuation ({@code { } [ ] : , "})
   * around atoms: the escaped text of each member name and string, and the literal text of each
   * number, boolean and null. Neighbouring atoms always have punctuation between them and a
   * searchable token holds no punctuation, so the text contains the token exactly when one atom
   * does, which is what is searched.
   */
  default Boolean containsAny(AuditEvent event, SearchTokens tokens) {
    return JsonText.containsAny(node(event), tokens);
  }
}
