package dev.peregrine.field;

/**
 * Tokens that {@link JsonTreeField#containsAny} searches a JSON value for, each {@link
 * JsonValue#searchable}, with what the search needs to know of them worked out once: whether
 * one may begin inside the escape of a control character.
 */
public final class SearchTokens {
  private final String[] tokens;
  private final boolean escapeTails;

  private SearchTokens(String[] tokens) {
    this.tokens = tokens;
    boolean tails = false;
    for (String t : tokens) {
      if (!JsonValue.searchable(t)) {
        throw new IllegalArgumentException("not a searchable token: " + t);
      }
      tails |= JsonText.ESCAPE_TAILS.indexOf(t.charAt(0)) >= 0;
    }
    this.escapeTails = tails;
  }

  /** The tokens given, each {@link JsonValue#searchable}. */
  public static SearchTokens of(String... tokens) {
    return new SearchTokens(tokens.clone());
  }

  String[] array() {
    return tokens;
  }

  /** True when a token begins with a character that may follow an escape's backslash. */
  boolean escapeTails() {
    return escapeTails;
  }
}
