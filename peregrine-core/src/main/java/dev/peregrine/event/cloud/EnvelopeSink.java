package dev.peregrine.event.cloud;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Receives what unwrapping one envelope produced, in order. Paths locate the part of the envelope
 * a result came from, such as {@code records[2].properties.log} or {@code awslogs.data.logEvents[0]
 * .message}; the empty string means the envelope itself.
 */
public interface EnvelopeSink {
  /** An audit.k8s.io/v1 Event found or rebuilt at {@code path}; its time is not checked yet. */
  void event(ObjectNode event, String path);

  /** A part of the envelope that should have held an event but did not. */
  void error(String path, String reason);

  /** A part deliberately passed over, such as a non-audit log category. */
  void skip(String path, String reason);
}
