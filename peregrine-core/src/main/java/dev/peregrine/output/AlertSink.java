package dev.peregrine.output;

import dev.peregrine.engine.Alert;

/** Where alerts go. Implementations must not block the caller for long. */
public interface AlertSink extends AutoCloseable {
  /** Hands one alert over; returns quickly (queue or drop-and-count, never stall detection). */
  void accept(Alert alert);

  /** Delivers whatever is buffered, waiting at most as long as the sink's own timeout. */
  default void flush() {}

  /** Flushes and releases resources. */
  @Override
  default void close() {
    flush();
  }
}
