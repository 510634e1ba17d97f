package dev.peregrine.field;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.event.AuditEvent;

/**
 * The extractor of {@code json.value[pointer]} and {@code jevt.value[pointer]}: the JSON value at
 * a pointer as text (a string's text, anything else as compact JSON). Besides its text it can
 * answer whether that text contains a quoted token such as {@code "hostPort"} by searching the
 * value's member names and strings, without rendering a possibly large value.
 */
public final class JsonValue implements JsonTreeField {
  private final Step[] steps;

  /** The value at the path of {@code steps}; no steps is the whole event. */
  JsonValue(Step[] steps) {
    this.steps = steps.clone();
  }

  @Override
  public JsonNode node(AuditEvent event) {
    JsonNode node = event.json();
    for (Step s : steps) {
      node = s.from(node);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /**
   * Whether {@code token} is one that {@link #containsQuoted} and {@link #containsAny} can search
   * for: non-empty printable
   * ASCII without the characters JSON text escapes or uses as punctuation ({@code " \ { } [ ] :
   * ,}).
   */
  public static boolean searchable(String token) {
    if (token.isEmpty()) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x20 || c > 0x7e || "\"\\{}[]:,".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether this field's text contains {@code "token"} (the token between double quotes), for a
   * {@link #searchable} token: false when the field is absent; null when the value is not an
   * object or array (then the text is short, or a string's raw text, and the caller tests it).
   *
   * <p>For an object or array the text is compact JSON with no U+0000 (it is escaped). In it,
   * the closing quote of {@code "token"} follows a token character, which is neither a backslash
   * nor JSON punctuation, so it closes a string (a member name or a string value); and the
   * opening quote is either that string's opening quote or an escaped quote inside it. So the
   * text contains {@code "token"} exactly when some member name or string value of the tree is
   * the token, or ends with a quote followed by the token, which is what is searched.
   */
  public Boolean containsQuoted(AuditEvent event, String token) {
    JsonNode node = node(event);
    if (node == null) {
      return false;
    }
    if (!node.isContainerNode()) {
      return null;
    }
    // numbers, booleans and null hold no quote
    int found = JsonText.searchAtoms(node, s -> quoted(s, token), s -> false);
    return found < 0 ? null : found == 1;
  }

  /**
   * Whether the escaped JSON text of string {@code s} ends in {@code token} right after its
   * opening quote or an escaped quote; told from {@code s} itself. A searchable token holds no
   * character that is escaped, nor the backslash that starts an escape, so where the escaped
   * text ends in it after a quote (or is it), its characters are the last of {@code s} as they
   * are, after a quote of {@code s} (or alone); and the converse holds.
   */
  static boolean quoted(String s, String token) {
    int before = s.length() - token.length() - 1;
    return before >= -1 && s.charAt(s.length() - 1) == token.charAt(token.length() - 1)
        && s.endsWith(token) && (before < 0 || s.charAt(before) == '"');
  }
}
