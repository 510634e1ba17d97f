package dev.peregrine.field;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/** Strings are quoted exactly as Jackson's encoder quotes them, with or without escapes. */
class JsonTextProperties {
  @Property(tries = 500)
  void quotesAsJackson(@ForAll @StringLength(max = 40) @CharRange(from = 0, to = 0x7f)
      @CharRange(from = 0xa0, to = 0x2030) String s) {
    String expected = "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    assertThat(JsonText.compact(JsonNodeFactory.instance.textNode(s))).isEqualTo(expected);
  }
}
