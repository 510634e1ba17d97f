package dev.peregrine.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The node factory of decoded events: as {@link Json#mapper()}'s (exact decimals), with objects
 * whose members are held in a {@link MemberMap}.
 */
final class EventNodes extends JsonNodeFactory {
  private static final long serialVersionUID = 1L;

  /** The shared instance (stateless). */
  static final EventNodes INSTANCE = new EventNodes();

  private EventNodes() {
    super(true);
  }

  @Override
  public ObjectNode objectNode() {
    return new ObjectNode(this, new MemberMap());
  }
}
