package dev.peregrine.lang;

import static dev.peregrine.lang.Trees.bin;
import static dev.peregrine.lang.Trees.field;
import static dev.peregrine.lang.Trees.okNoPos;
import static dev.peregrine.lang.Trees.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EscapesTest {

  /** Parses {@code a.b = <literal>} and returns the unescaped value. */
  private static String valueOf(String literal) {
    var b = (Expr.Binary) okNoPos("a.b = " + literal);
    return ((Operand.Value) b.rhs()).text();
  }

  @Test
  void parse_simpleEscapeInBothQuoteStyles() {
    String[][] cases = {
        {"b", "\b"}, {"f", "\f"}, {"n", "\n"}, {"r", "\r"}, {"t", "\t"}, {"\\", "\\"}, {"/", "/"}};
    for (String[] c : cases) {
      assertThat(valueOf("\"x\\" + c[0] + "y\"")).as(c[0]).isEqualTo("x" + c[1] + "y");
      assertThat(valueOf("'x\\" + c[0] + "y'")).as(c[0]).isEqualTo("x" + c[1] + "y");
    }
  }

  @Test
  void parse_escapedDoubleQuoteOnlyInDoubleQuotes() {
    assertThat(valueOf("\"say \\\"hi\\\"\"")).isEqualTo("say \"hi\"");
    var e = Trees.err("a.b = 'say \\\"hi'");
    assertThat(e.message()).isEqualTo("invalid \\\" escape in '-quoted string");
    assertThat(e.pos()).isEqualTo(11);
  }

  @Test
  void parse_escapedSingleQuoteOnlyInSingleQuotes() {
    assertThat(valueOf("'it\\'s'")).isEqualTo("it's");
    var e = Trees.err("a.b = \"it\\'s\"");
    assertThat(e.message()).isEqualTo("invalid \\' escape in \"-quoted string");
    assertThat(e.pos()).isEqualTo(9);
  }

  @Test
  void parse_hexEscapeGivesByteAsChar() {
    assertThat(valueOf("\"\\x41\\x7e\\xFF\"")).isEqualTo("A~\u00ff");
    var e = Trees.err("a.b = \"ab\\x4\"");
    assertThat(e.message())
        .isEqualTo("invalid \\x escape sequence: expected two hexadecimal digits");
    assertThat(e.pos()).isEqualTo(9);
    assertThat(Trees.err("a.b = \"\\xZZ\"").pos()).isEqualTo(7);
  }

  @Test
  void parse_backslashSpaceIsSingleBackslash() {
    assertThat(valueOf("\"a\\ b\"")).isEqualTo("a\\b");
    assertThat(valueOf("\"a\\ \"")).isEqualTo("a\\");
  }

  @ParameterizedTest
  @CsvSource({"d", ".", "a", "0", "u", "$"})
  void parse_unsupportedEscapeIsError(String c) {
    var e = Trees.err("a.b = \"x\\" + c + "\"");
    assertThat(e.message()).isEqualTo("unsupported string escape sequence: \\" + c);
    assertThat(e.pos()).isEqualTo(8);
  }

  @Test
  void parse_bareStringsAreNotUnescaped() {
    assertThat(okNoPos("a.b = x\\dy")).isEqualTo(bin(field("a.b"), "=", Trees.bare("x\\dy")));
  }

  @Test
  void parse_quoteAfterBackslashDoesNotClose() {
    // The closing quote of "a\\" follows a backslash, so the string never ends.
    var e = Trees.err("a.b = \"a\\\\\"");
    assertThat(e.message()).isEqualTo("unterminated quoted string");
    assertThat(e.pos()).isEqualTo(6);
    // ... and a later quote closes it, swallowing what lies between.
    assertThat(valueOf("\"a\\\\\" and c\"")).isEqualTo("a\\\" and c");
  }

  @Test
  void parse_escapesInFieldArgs() {
    assertThat(okNoPos("a.b[\"x\\/y\"] exists"))
        .isEqualTo(Trees.exists(field("a.b", "x/y")));
  }

  @Test
  void quote_roundTripsThroughUnescape() {
    for (String s : new String[] {"", "a", "a\\", "\\", "a\\\\", "\"", "'\"\\\b\f\n\r\t x"}) {
      String q = Escapes.quote(s);
      assertThat(okNoPos("a.b = " + q)).isEqualTo(bin(field("a.b"), "=", quoted(s)));
    }
  }
}
