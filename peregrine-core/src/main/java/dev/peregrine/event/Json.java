package dev.peregrine.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/**
 * The one JSON configuration used for events: object key order is kept, and floating-point
 * numbers keep their exact text (BigDecimal), so re-serialised sub-objects read as they were
 * received.
 */
public final class Json {
  private static final ObjectMapper MAPPER = build();

  private Json() {}

  /** The shared, thread-safe mapper for event trees. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * The next value of {@code p} as a tree, read as the decoders read events (exact decimals; a
   * number no BigDecimal holds, with an exponent beyond the int range, as the nearest double,
   * where {@link #mapper()} would throw); null at the end of the input.
   */
  public static JsonNode readValue(JsonParser p) throws IOException {
    return readValue(p, MAPPER.getNodeFactory());
  }

  /** {@link #readValue(JsonParser)} building with {@code nodes}. */
  static JsonNode readValue(JsonParser p, JsonNodeFactory nodes) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      return null;
    }
    TreeBuilder tree = new TreeBuilder(nodes);
    while (!tree.accept(t, p)) {
      t = p.nextToken();
    }
    return tree.result();
  }

  private static ObjectMapper build() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(1000)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxDocumentLength(-1)
                    .build())
            .build();
    return JsonMapper.builder(factory)
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();
  }
}
