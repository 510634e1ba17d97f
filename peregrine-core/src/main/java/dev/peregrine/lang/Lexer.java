package dev.peregrine.lang;

import dev.peregrine.lang.Token.Kind;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a condition into tokens on demand.
 *
 * <p>The language is context-sensitive at the lexical level ({@code a.b} is a field name on the
 * left of an operator but a plain value on the right, {@code 10} is a number after {@code >} but a
 * string after {@code =}), so the parser asks for the kind of token it expects next. Each {@code
 * lex*} method either consumes one token and returns it, or consumes nothing and returns null. Only
 * {@link #skipBlanks()} consumes without producing a token.
 */
final class Lexer {
  /** Transformers that take arguments; {@code val} is handled separately. */
  static final List<String> TRANSFORMERS =
      List.of("tolower", "toupper", "b64", "basename", "len", "join", "concat", "getopt");

  /** Operators in the order they are tried and listed in error messages. */
  static final List<String> OPERATORS =
      List.of("exists", "<=", "<", ">=", ">", "==", "=", "!=", "glob", "iglob", "contains",
          "icontains", "bcontains", "startswith", "bstartswith", "endswith", "regex",
          "intersects", "in", "pmatch");

  static final Set<String> MODIFIERS = Set.of("oneof", "anyof", "allof");

  private static final List<String> NUM_OPS = List.of("<=", "<", ">=", ">");
  private static final List<String> SYMBOL_STR_OPS = List.of("==", "=", "!=");
  private static final List<String> WORD_STR_OPS =
      List.of("glob", "iglob", "contains", "icontains", "bcontains", "startswith", "bstartswith",
          "endswith", "regex");
  private static final List<String> LIST_OPS = List.of("intersects", "in", "pmatch");
  private static final Set<String> KEYWORDS = Set.of("and", "or", "not");

  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");
  private static final Pattern FIELD_NAME =
      Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*(?:\\.[a-zA-Z][a-zA-Z0-9_]*)+");
  private static final Pattern FIELD_ARG = Pattern.compile("[^\\]\\[\"'\\s]+");
  private static final Pattern HEX_NUMBER = Pattern.compile("0[xX][0-9a-fA-F]+");
  private static final Pattern NUMBER =
      Pattern.compile("[+\\-]?[0-9]+\\.?[0-9]*(?:[eE][+\\-][0-9]+)?");
  private static final Pattern BARE_STRING = Pattern.compile("[^()\"'\\s=,]+");

  private final String src;
  private int pos;
  private Token last;

  Lexer(String src) {
    this.src = src;
  }

  /** The offset of the next unread character. */
  int pos() {
    return pos;
  }

  boolean atEnd() {
    return pos >= src.length();
  }

  /** The most recently consumed token, or null. */
  Token last() {
    return last;
  }

  /** Whether {@code c} is a blank: space, tab, backspace, carriage return or line feed. */
  static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\b' || c == '\r' || c == '\n';
  }

  static boolean isIdentifierChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
  }

  /** Skips blanks; returns whether there was at least one. */
  boolean skipBlanks() {
    int start = pos;
    while (pos < src.length() && isBlank(src.charAt(pos))) {
      pos++;
    }
    return pos > start;
  }

  /** Whether the unread text starts with {@code s} (consumes nothing). */
  boolean peek(String s) {
    return src.startsWith(s, pos);
  }

  /** Consumes the literal {@code s} if the unread text starts with it. */
  Token lexSymbol(String s) {
    return peek(s) ? take(Kind.SYMBOL, s.length()) : null;
  }

  /** Consumes {@code not} followed by one or more blanks. */
  Token lexNotBlank() {
    int end = pos + 3;
    if (!peek("not") || end >= src.length() || !isBlank(src.charAt(end))) {
      return null;
    }
    while (end < src.length() && isBlank(src.charAt(end))) {
      end++;
    }
    return take(Kind.NOT, end - pos);
  }

  Token lexIdentifier() {
    return lexPattern(IDENTIFIER, Kind.IDENTIFIER);
  }

  Token lexFieldName() {
    return lexPattern(FIELD_NAME, Kind.FIELD_NAME);
  }

  Token lexFieldArg() {
    return lexPattern(FIELD_ARG, Kind.FIELD_ARG);
  }

  Token lexHexNumber() {
    return lexPattern(HEX_NUMBER, Kind.HEX_NUMBER);
  }

  Token lexNumber() {
    return lexPattern(NUMBER, Kind.NUMBER);
  }

  Token lexBareString() {
    return lexPattern(BARE_STRING, Kind.BARE_STRING);
  }

  /**
   * Consumes a quoted string. It ends at the first matching quote that does not follow a
   * backslash, so {@code "a\\"} is unterminated (the final quote follows a backslash).
   *
   * @throws ParseException if the string has no closing quote
   */
  Token lexQuotedString() {
    if (atEnd() || (src.charAt(pos) != '"' && src.charAt(pos) != '\'')) {
      return null;
    }
    char quote = src.charAt(pos);
    for (int i = pos + 1; i < src.length(); i++) {
      if (src.charAt(i) == quote && src.charAt(i - 1) != '\\') {
        return take(Kind.QUOTED_STRING, i + 1 - pos);
      }
    }
    throw new ParseException("unterminated quoted string", pos);
  }

  /**
   * Consumes a check operator. Symbol operators need no blank after them; word operators must be
   * followed by a blank, except {@code in}, {@code intersects} and {@code pmatch}, which may also
   * touch a {@code (} (they only must not run into further identifier characters).
   */
  Token lexOperator() {
    if (peekWord("exists")) {
      return take(Kind.UNARY_OP, "exists".length());
    }
    for (String op : NUM_OPS) {
      if (peek(op)) {
        return take(Kind.NUM_OP, op.length());
      }
    }
    for (String op : SYMBOL_STR_OPS) {
      if (peek(op)) {
        return take(Kind.STR_OP, op.length());
      }
    }
    for (String op : WORD_STR_OPS) {
      int end = pos + op.length();
      if (peek(op) && end < src.length() && isBlank(src.charAt(end))) {
        return take(Kind.STR_OP, op.length());
      }
    }
    for (String op : LIST_OPS) {
      if (peekWord(op)) {
        return take(Kind.LIST_OP, op.length());
      }
    }
    return null;
  }

  /**
   * Consumes {@code oneof}, {@code anyof} or {@code allof} when it acts as a modifier: it must be
   * followed (possibly after blanks) by {@code (}, or by blanks and an identifier other than {@code
   * and}, {@code or} or {@code not}. Otherwise the word is left alone to be read as a value.
   */
  Token lexModifier() {
    Matcher m = IDENTIFIER.matcher(src).region(pos, src.length());
    if (!m.lookingAt() || !MODIFIERS.contains(m.group())) {
      return null;
    }
    int after = m.end();
    while (after < src.length() && isBlank(src.charAt(after))) {
      after++;
    }
    boolean blank = after > m.end();
    boolean modifier = src.startsWith("(", after);
    if (!modifier && blank) {
      Matcher next = IDENTIFIER.matcher(src).region(after, src.length());
      modifier = next.lookingAt() && !KEYWORDS.contains(next.group());
    }
    return modifier ? take(Kind.MODIFIER, m.end() - pos) : null;
  }

  /** Consumes a transformer name and the {@code (} right after it; the token excludes the paren. */
  Token lexTransformer() {
    for (String name : TRANSFORMERS) {
      if (peek(name + "(")) {
        Token t = take(Kind.TRANSFORMER, name.length());
        pos++;
        return t;
      }
    }
    return null;
  }

  /** Whether a transformer call or a field name starts at the cursor (consumes nothing). */
  boolean peekFieldOrTransformer() {
    for (String name : TRANSFORMERS) {
      if (peek(name + "(")) {
        return true;
      }
    }
    return FIELD_NAME.matcher(src).region(pos, src.length()).lookingAt();
  }

  /** Consumes {@code val(}; the token text is {@code val}. */
  Token lexVal() {
    if (!peek("val(")) {
      return null;
    }
    Token t = take(Kind.TRANSFORMER, 3);
    pos++;
    return t;
  }

  /** Whether the unread text starts with {@code word} not followed by an identifier character. */
  private boolean peekWord(String word) {
    int end = pos + word.length();
    return peek(word) && (end >= src.length() || !isIdentifierChar(src.charAt(end)));
  }

  private Token lexPattern(Pattern p, Kind kind) {
    Matcher m = p.matcher(src).region(pos, src.length());
    return m.lookingAt() ? take(kind, m.end() - pos) : null;
  }

  private Token take(Kind kind, int length) {
    last = new Token(kind, src.substring(pos, pos + length), pos);
    pos += length;
    return last;
  }
}
