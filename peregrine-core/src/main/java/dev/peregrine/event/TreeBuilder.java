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
 *
 * <p>With a {@link Selection}, an Event's members that nothing reads are passed over without
 * building nodes or strings. At the top level this starts once the value is known to be an Event:
 * from the first token for an EventList item, after a {@code "kind": "Event"} member otherwise
 * (the apiserver writes {@code kind} first). Members before that are kept whole.
 */
final class TreeBuilder {
  private final JsonNodeFactory nodes;
  private final Selection selection;
  private final ArrayDeque<ContainerNode<?>> open = new ArrayDeque<>();
  private final ArrayDeque<Selection> selections = new ArrayDeque<>();
  private boolean armed;
  private String name;
  private Selection next = Selection.all();
  private boolean dropNext;
  private int skipDepth;
  private boolean pruned;
  private JsonNode result;

  TreeBuilder(JsonNodeFactory nodes) {
    this(nodes, null, false);
  }

  /**
   * A builder that leaves out what {@code selection} does not keep (null: keeps everything);
   * {@code event} when the value is known to be an Event before its first token.
   */
  TreeBuilder(JsonNodeFactory nodes, Selection selection, boolean event) {
    this.nodes = nodes;
    this.selection = selection == null || selection.keepsAll() ? null : selection;
    this.armed = event;
  }

  /** Open containers of the value being read, including those being passed over. */
  int depth() {
    return open.size() + skipDepth;
  }

  /** The outermost container being built, or null. */
  ContainerNode<?> root() {
    return open.peekLast();
  }

  /** True when some member was left out. */
  boolean pruned() {
    return pruned;
  }

  /** The finished value. */
  JsonNode result() {
    return result;
  }

  /** Takes the parser's current token; true when the value is complete. */
  boolean accept(JsonToken token, JsonParser p) throws IOException {
    if (skipDepth > 0) {
      if (token.isStructStart()) {
        skipDepth++;
      } else if (token.isStructEnd()) {
        skipDepth--;
      }
      return false;
    }
    if (dropNext) {
      dropNext = false;
      skipDepth = token.isStructStart() ? 1 : 0;
      return false;
    }
    switch (token) {
      case START_OBJECT -> push(nodes.objectNode());
      case START_ARRAY -> push(nodes.arrayNode());
      case END_OBJECT, END_ARRAY -> {
        ContainerNode<?> done = open.pop();
        selections.pop();
        if (open.isEmpty()) {
          result = done;
          return true;
        }
      }
      case FIELD_NAME -> fieldName(p.currentName());
      default -> {
        JsonNode value = scalar(token, p);
        if (open.isEmpty()) {
          result = value;
          return true;
        }
        if (selection != null && !armed && open.size() == 1 && token == JsonToken.VALUE_STRING
            && "kind".equals(name) && "Event".equals(value.textValue())) {
          armed = true;
        }
        add(value);
      }
    }
    return false;
  }

  /** Decides whether the value after field {@code key} is kept, and with what selection. */
  private void fieldName(String key) {
    name = key;
    Selection current = selections.peek();
    if (selection == null || current.keepsAll()) {
      next = Selection.all();
      return;
    }
    if (open.size() == 1 && !armed) { // not known to be an Event yet: kept whole
      next = Selection.all();
      return;
    }
    next = open.size() == 1 ? current.memberOf(key) : current.child(key);
    dropNext = next == null;
    pruned |= dropNext;
  }

  private void push(ContainerNode<?> node) {
    Selection sel;
    if (open.isEmpty()) {
      sel = selection == null ? Selection.all() : selection;
    } else {
      sel = open.peek() instanceof ObjectNode ? next : selections.peek();
      add(node);
    }
    open.push(node);
    selections.push(sel);
  }

  private void add(JsonNode value) {
    if (open.peek() instanceof ObjectNode o) {
      o.set(name, value);
    } else {
      ((ArrayNode) open.peek()).add(value);
    }
  }

  private JsonNode scalar(JsonToken token, JsonParser p) throws IOException {
    return scalar(nodes, token, p);
  }

  /**
   * The exact value of the current number, or, for a number no BigDecimal holds (an exponent
   * beyond the int range), its nearest double (an infinity or zero), as a JSON decoder reading
   * numbers as doubles would: every path of the decoder, pruned or whole, accepts such an event
   * and reads it the same way.
   */
  private static JsonNode decimal(JsonNodeFactory nodes, JsonParser p) throws IOException {
    try {
      return nodes.numberNode(p.getDecimalValue());
    } catch (NumberFormatException e) {
      return nodes.numberNode(Double.parseDouble(p.getText()));
    }
  }

  /** The scalar at the parser's current {@code token}, as {@link Json#mapper()} reads it. */
  static JsonNode scalar(JsonNodeFactory nodes, JsonToken token, JsonParser p)
      throws IOException {
    return switch (token) {
      case VALUE_STRING -> nodes.textNode(p.getText());
      case VALUE_NUMBER_INT ->
          switch (p.getNumberType()) {
            case INT -> nodes.numberNode(p.getIntValue());
            case LONG -> nodes.numberNode(p.getLongValue());
            default -> nodes.numberNode(p.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> decimal(nodes, p);
      case VALUE_TRUE -> nodes.booleanNode(true);
      case VALUE_FALSE -> nodes.booleanNode(false);
      case VALUE_NULL -> nodes.nullNode();
      default -> throw new IllegalStateException("unexpected token " + token);
    };
  }
}
