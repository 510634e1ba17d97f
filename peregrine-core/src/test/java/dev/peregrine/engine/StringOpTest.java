package dev.peregrine.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringOpTest {

  @Test
  void wordsRoundTrip() {
    for (StringOp op : StringOp.values()) {
      assertThat(StringOp.fromWord(op.word())).isSameAs(op);
    }
    assertThat(StringOp.fromWord("==")).isSameAs(StringOp.EQ);
    assertThat(StringOp.fromWord("in")).isNull();
    assertThat(StringOp.fromWord("pmatch")).isNull();
    assertThat(StringOp.fromWord("CONTAINS")).isNull();
  }

  @ParameterizedTest(name = "{1} {0} {2} = {3}")
  @CsvSource(delimiter = ';', value = {
      "=;          kube-system; kube-system; true",
      "=;          kube-system; Kube-system; false",
      "==;         a;           a;           true",
      "!=;         a;           b;           true",
      "!=;         a;           a;           false",
      "<;          399;         400;         true",
      "<;          99;          400;         false",
      ">;          99;          400;         true",
      ">=;         400;         400;         true",
      "<=;         401;         400;         false",
      "contains;   system:serviceaccount:kube; serviceaccount; true",
      "contains;   abc;         '';          true",
      "icontains;  SECRET;      secret;      true",
      "icontains;  secret;      SECRETS;     false",
      "startswith; /etc/shadow; /etc/;       true",
      "endswith;   x.pem;       .PEM;        false",
      "glob;       /var/log/x;  /var/*;      true",
      "glob;       /var/log/x;  /VAR/*;      false",
      "iglob;      /var/log/x;  /VAR/*;      true",
      "regex;      kube-system; kube-.*;     true",
      "regex;      xkube-system; kube-.*;    false",
  })
  void compiledPredicates(String word, String lhs, String rhs, boolean expected) {
    Predicate<String> p = StringOp.fromWord(word).compile(rhs);
    assertThat(p.test(lhs)).isEqualTo(expected);
    assertThat(StringOp.fromWord(word).test(lhs, rhs)).isEqualTo(expected);
  }

  @Test
  void byteOperatorsAreRejectedForStrings() {
    assertThat(StringOp.BCONTAINS.supportsStrings()).isFalse();
    assertThatThrownBy(() -> StringOp.BCONTAINS.compile("0a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'bcontains' operator not supported for string filters");
    assertThatThrownBy(() -> StringOp.BSTARTSWITH.compile("0a"))
        .hasMessage("'bstartswith' operator not supported for string filters");
  }

  @Test
  void invalidRegexIsACompileError() {
    assertThatThrownBy(() -> StringOp.REGEX.compile("\\d+"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid regex pattern: ");
  }

  @Test
  void rhsIsCutAtNul() {
    assertThat(StringOp.EQ.compile("ab\0cd").test("ab")).isTrue();
    assertThat(StringOp.GLOB.compile("a*").test("a\0zz")).isTrue();
  }

  @Test
  void unsignedComparisons() {
    assertThat(StringOp.GT.compileUnsigned("2").test(3)).isTrue();
    assertThat(StringOp.GT.compileUnsigned("2").test(2)).isFalse();
    assertThat(StringOp.EQ.compileUnsigned("0").test(0)).isTrue();
    assertThat(StringOp.NE.compileUnsigned("0").test(1)).isTrue();
    assertThat(StringOp.LE.compileUnsigned("5").test(5)).isTrue();
    assertThat(StringOp.LT.compileUnsigned("5").test(-1L)).isFalse(); // 2^64-1
    assertThat(StringOp.GE.compileUnsigned("18446744073709551615").test(-1L)).isTrue();
  }

  @Test
  void numericOperatorsOnly() {
    assertThat(StringOp.CONTAINS.supportsNumbers()).isFalse();
    assertThatThrownBy(() -> StringOp.CONTAINS.compileUnsigned("1"))
        .hasMessage("'contains' operator not supported for numeric filters");
  }

  @Test
  void parsesUnsignedLikeScanf() {
    assertThat(StringOp.parseUnsigned("42")).isEqualTo(42);
    assertThat(StringOp.parseUnsigned("  7")).isEqualTo(7);
    assertThat(StringOp.parseUnsigned("+7")).isEqualTo(7);
    assertThat(StringOp.parseUnsigned("-1")).isEqualTo(-1L);
    assertThat(StringOp.parseUnsigned("007")).isEqualTo(7);
    assertThat(StringOp.parseUnsigned("18446744073709551615")).isEqualTo(-1L);
    assertThat(StringOp.parseUnsigned("18446744073709551616")).isEqualTo(-1L);
    assertThat(StringOp.parseUnsigned("99999999999999999999999")).isEqualTo(-1L);
  }

  @Test
  void rejectsNonNumbers() {
    for (String bad : new String[] {"", "abc", "0x10", "1 ", "1.5", "-", " ", "1e3"}) {
      assertThatThrownBy(() -> StringOp.parseUnsigned(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(bad + " is not a valid number");
    }
  }
}
