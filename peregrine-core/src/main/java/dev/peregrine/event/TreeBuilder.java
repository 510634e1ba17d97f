package dev.peregrine.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Builds one JSON tree from tokens handed over one at a time, as a non-blocking parser produces
 * them. Numbers are read as {@link Json#mapper()} reads them (exact decimals).
 */
final class TreeBuilder {
  private final JsonNodeFactory nodes;
  private final ArrayDeque<ContainerNode<?>> open = new ArrayDeque<>();
  private String name;
  private JsonNode result;

  TreeBuilder(JsonNodeFactory nodes) {
    this.nodes = nodes;
  }

  /** Open containers of the value being built. */
  int depth() {
    return open.size();
  }

  /** The outermost container being built, or null. */
  ContainerNode<?> root() {
    return open.peekLast();
  }

  /** The finished value. */
  JsonNode result() {
    return result;
  }

  /** Takes the parser's current token; true when the value is complete. */
  boolean accept(JsonToken token, JsonParser p) throws IOException {
    switch (token) {
      case START_OBJECT -> push(nodes.objectNode());
      case START_ARRAY -> push(nodes.arrayNode());
      case END_OBJECT, END_ARRAY -> {
        ContainerNode<?> done = open.pop();
        if (open.isEmpty()) {
          result = done;
          return true;
        }
      }
      case FIELD_NAME -> name = p.currentName();
      default -> {
        JsonNode value = scalar(token, p);
        if (open.isEmpty()) {
          result = value;
          return true;
        }
        add(value);
      }
    }
    return false;
  }

  private void push(ContainerNode<?> node) {
    if (!open.isEmpty()) {
      add(node);
    }
    open.push(node);
  }

  private void add(JsonNode value) {
    if (open.peek() instanceof ObjectNode o) {
      o.set(name, value);
    } else {
      ((ArrayNode) open.peek()).add(value);
    }
  }

  private JsonNode scalar(JsonToken token, JsonParser p) throws IOException {
    return switch (token) {
      case VALUE_STRING -> nodes.textNode(p.getText());
      case VALUE_NUMBER_INT ->
          switch (p.getNumberType()) {
            case INT -> nodes.numberNode(p.getIntValue());
            case LONG -> nodes.numberNode(p.getLongValue());
            default -> nodes.numberNode(p.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> nodes.numberNode(p.getDecimalValue());
      case VALUE_TRUE -> nodes.booleanNode(true);
      case VALUE_FALSE -> nodes.booleanNode(false);
      case VALUE_NULL -> nodes.nullNode();
      default -> throw new IllegalStateException("unexpected token " + token);
    };
  }
}
