package dev.peregrine.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peregrine.engine.Transforms.ArgShape;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransformsTest {

  @Test
  void caseMappingIsAsciiOnly() {
    assertThat(Transforms.tolower("Kube-System")).isEqualTo("kube-system");
    assertThat(Transforms.toupper("kube-system")).isEqualTo("KUBE-SYSTEM");
    assertThat(Transforms.tolower("ÉCOLE")).isEqualTo("École");
    assertThat(Transforms.toupper("straße")).isEqualTo("STRAßE");
    assertThat(Transforms.tolower("")).isEmpty();
    assertThat(Transforms.tolower(null)).isNull();
    assertThat(Transforms.toupper(null)).isNull();
  }

  @ParameterizedTest(name = "b64({0}) = {1}")
  @CsvSource({
      "aGVsbG8=, hello",
      "aGVsbG8, hello",
      "aGVsbG8==, hello",
      "YQ==, a",
      "YQ=, a",
      "YQ, a",
      "YWI=, ab",
      "YWJj, abc",
      "'', ''",
      "w6k=, é",
  })
  void decodesBase64(String in, String out) {
    assertThat(Transforms.b64(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "=", "==", "Y", "YWJjZ", "YQ===", "Y=Q=", "YR==", "YWK=", "aGVs bG8=", "a-_b", "YQ\n",
      "é", "ab\0c",
  })
  void invalidBase64IsAbsent(String in) {
    assertThat(Transforms.b64(in)).isNull();
  }

  @Test
  void base64EdgeCases() {
    assertThat(Transforms.b64(null)).isNull();
    assertThat(Transforms.b64("YQ==\0")).isEqualTo("a"); // trailing NULs ignored
    assertThat(Transforms.b64("YQBi")).isEqualTo("a"); // decoded "a\0b" read as a C string
  }

  @Property(tries = 300)
  void base64RoundTrip(@ForAll byte[] data) {
    String expected = cstrUtf8(data);
    String encoded = Base64.getEncoder().encodeToString(data);
    assertThat(Transforms.b64(encoded)).isEqualTo(expected);
    assertThat(Transforms.b64(encoded.replace("=", ""))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "basename({0}) = {1}")
  @CsvSource({
      "/usr/bin/kubectl, kubectl",
      "kubectl, kubectl",
      "/usr/bin/, ''",
      "/, ''",
      "'', ''",
      "a/b, b",
  })
  void basename(String in, String out) {
    assertThat(Transforms.basename(in)).isEqualTo(out);
  }

  @Test
  void basenameOfAbsentIsAbsent() {
    assertThat(Transforms.basename(null)).isNull();
  }

  @Test
  void lenCountsBytesOrElements() {
    assertThat(Transforms.len("abc")).isEqualTo(3L);
    assertThat(Transforms.len("é")).isEqualTo(2L);
    assertThat(Transforms.len("")).isZero();
    assertThat(Transforms.len("ab\0cd")).isEqualTo(2L);
    assertThat(Transforms.len((String) null)).isNull();
    assertThat(Transforms.len(List.of("a", "bb", "ccc"))).isEqualTo(3L);
    assertThat(Transforms.len((List<String>) null)).isNull();
  }

  @Test
  void join() {
    assertThat(Transforms.join(",", List.of("a", "b", "c"))).isEqualTo("a,b,c");
    assertThat(Transforms.join("", List.of("a", "b"))).isEqualTo("ab");
    assertThat(Transforms.join(",", List.of("a"))).isEqualTo("a");
    assertThat(Transforms.join(",", List.of())).isEmpty();
    assertThat(Transforms.join(",", List.of("a\0x", "b"))).isEqualTo("a,b");
    assertThat(Transforms.join(null, List.of("a"))).isNull();
    assertThat(Transforms.join(",", null)).isNull();
  }

  @Test
  void concat() {
    assertThat(Transforms.concat(List.of(List.of("a"), List.of("b"), List.of("c"))))
        .isEqualTo("abc");
    assertThat(Transforms.concat(List.of(List.of("a", "ignored"), List.of("b"))))
        .isEqualTo("ab");
    assertThat(Transforms.concat(Arrays.asList(List.of("a"), null))).isNull();
    assertThat(Transforms.concat(List.of(List.of("a"), List.of()))).isNull();
    assertThat(Transforms.concatScalars(List.of("x", "", "y"))).isEqualTo("xy");
    assertThat(Transforms.concatScalars(Arrays.asList("x", null))).isNull();
  }

  @Test
  void getoptListsOptionsAndValues() {
    assertThat(Transforms.getopt(List.of("-n", "-t", "x", "-q", "file"), "nt:"))
        .containsExactly("n", "t", "x", "?");
    assertThat(Transforms.getopt(List.of("-ntvalue", "rest"), "nt:"))
        .containsExactly("n", "t", "value");
    assertThat(Transforms.getopt(List.of("-t", "-n"), "nt:"))
        .containsExactly("t", "-n");
    assertThat(Transforms.getopt(List.of("-nt"), "nt:")).containsExactly("n", "");
    assertThat(Transforms.getopt(List.of("--exec", "-n"), "n")).containsExactly("n");
    assertThat(Transforms.getopt(List.of("-n", "--", "-n"), "n")).containsExactly("n");
    assertThat(Transforms.getopt(List.of("-n", "-", "-n"), "n")).containsExactly("n");
    assertThat(Transforms.getopt(List.of("-n", "", "-n"), "n")).containsExactly("n");
    assertThat(Transforms.getopt(List.of("cmd", "-n"), "n")).isEmpty();
    assertThat(Transforms.getopt(List.of("-n:"), ":n")).containsExactly("n", "?");
    assertThat(Transforms.getopt(List.of("-x"), "")).containsExactly("?");
    assertThat(Transforms.getopt(List.of(), "n")).isEmpty();
    assertThat(Transforms.getopt(null, "n")).isNull();
    assertThat(Transforms.getopt(List.of("-n"), null)).isNull();
  }

  @Test
  void getoptSelector() {
    List<String> argv = List.of("-t", "one", "-n", "-tt2", "file");
    assertThat(Transforms.getopt(argv, "nt:", 't')).isEqualTo("t2");
    assertThat(Transforms.getopt(argv, "nt:", 'n')).isEqualTo("n");
    assertThat(Transforms.getopt(argv, "nt:", 'x')).isNull();
    assertThat(Transforms.getopt(List.of("-t"), "t:", 't')).isEmpty();
    assertThat(Transforms.getopt(null, "t:", 't')).isNull();
  }

  @Test
  void argumentChecks() {
    ArgShape s = ArgShape.STRING;
    ArgShape l = ArgShape.STRING_LIST;
    Transforms.checkArguments("join", List.of(s, l));
    Transforms.checkArguments("concat", List.of(s, s, s));
    Transforms.checkArguments("getopt", List.of(l, s));
    assertThatThrownBy(() -> Transforms.checkArguments("join", List.of(l)))
        .hasMessage("join() requires exactly 2 arguments: separator and list");
    assertThatThrownBy(() -> Transforms.checkArguments("join", List.of(l, l)))
        .hasMessage("join() first argument (separator) must be a single value, not a list");
    assertThatThrownBy(() -> Transforms.checkArguments("join", List.of(s, s)))
        .hasMessage("join() second argument must be a list");
    assertThatThrownBy(() -> Transforms.checkArguments("concat", List.of(s)))
        .hasMessage("concat() requires at least 2 arguments");
    assertThatThrownBy(() -> Transforms.checkArguments("concat", List.of(s, l)))
        .hasMessage("concat() arguments must be strings");
    assertThatThrownBy(() -> Transforms.checkArguments("getopt", List.of(s, s)))
        .hasMessage("getopt() first argument must be a list");
    assertThatThrownBy(() -> Transforms.checkArguments("getopt", List.of(l, l)))
        .hasMessage("getopt() second argument (optstring) must be a single value");
    assertThatThrownBy(() -> Transforms.checkArguments("getopt",
        List.of(l, new ArgShape(false, false))))
        .hasMessage("getopt() arguments must be strings");
    assertThatThrownBy(() -> Transforms.checkArguments("split", List.of(s, s)))
        .hasMessage("unknown multivalue transformer");
  }

  private static String cstrUtf8(byte[] data) {
    List<Byte> kept = new ArrayList<>();
    for (byte b : data) {
      if (b == 0) {
        break;
      }
      kept.add(b);
    }
    byte[] out = new byte[kept.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = kept.get(i);
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
