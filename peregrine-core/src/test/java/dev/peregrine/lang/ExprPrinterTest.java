package dev.peregrine.lang;

import static dev.peregrine.lang.Trees.bin;
import static dev.peregrine.lang.Trees.field;
import static dev.peregrine.lang.Trees.ok;
import static dev.peregrine.lang.Trees.okNoPos;
import static dev.peregrine.lang.Trees.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExprPrinterTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "ka.verb=create                          | ka.verb = create",
      "a or b and c                            | a or b and c",
      "(a or b) and c                          | (a or b) and c",
      "a and (b and c)                         | a and (b and c)",
      "a or (b or c)                           | a or (b or c)",
      "not (a and b)                           | not (a and b)",
      "not a.b = x and c                       | not a.b = x and c",
      "not not a                               | a",
      "not (not a)                             | not (not a)",
      "a.b in(x,'y z')                         | `a.b in (x, \"y z\")`",
      "a.b in x                                | a.b in (x)",
      "a.b in ()                               | a.b in ()",
      "a.b exists                              | a.b exists",
      "a.b[k] = 'v'                            | a.b[k] = \"v\"",
      "a.b['k y'] = v                          | a.b[\"k y\"] = v",
      "a.b = anyof                             | a.b = anyof",
      "a.b startswith anyof(x)                 | a.b startswith anyof (x)",
      "tolower( a.b )=val(c.d)                 | tolower(a.b) = val(c.d)",
      "join(',',a.b) contains x                | `join(\",\", a.b) contains x`",
      "concat(a.b, x, c.d) = y                 | `concat(a.b, x, c.d) = y`",
      "a.b > 0x10                              | a.b > 0x10",
  })
  void print_canonicalForm(String input, String expected) {
    assertThat(ExprPrinter.print(ok(input))).isEqualTo(expected);
  }

  @Test
  void print_quotesValuesThatCannotBeBare() {
    var tree = bin(field("a.b"), "=", new Operand.Value("x y", false, 0));
    assertThat(ExprPrinter.print(tree)).isEqualTo("a.b = \"x y\"");
    var empty = bin(field("a.b"), "=", new Operand.Value("", false, 0));
    assertThat(ExprPrinter.print(empty)).isEqualTo("a.b = \"\"");
  }

  @Test
  void print_escapesAndReparses() {
    var tree = bin(field("a.b"), "=", quoted("tab\there \"q\" back\\"));
    String text = ExprPrinter.print(tree);
    assertThat(text).isEqualTo("a.b = \"tab\\there \\\"q\\\" back\\ \"");
    assertThat(okNoPos(text)).isEqualTo(tree);
  }

  @Test
  void print_operand() {
    assertThat(ExprPrinter.print(Trees.tr("len", field("a.b", "x y"))))
        .isEqualTo("len(a.b[\"x y\"])");
  }
}
