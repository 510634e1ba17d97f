package dev.peregrine.output;

import dev.peregrine.engine.Alert;
import java.io.IOException;

/**
 * One destination that writes alerts synchronously: stdout, a file, an HTTP endpoint, a program or
 * syslog. A channel may block; {@link QueuedSink} runs it on its own thread so that it never
 * blocks the engine. Calls come from that one thread only.
 */
public interface Channel extends AutoCloseable {
  /** Short name used in logs and statistics, such as {@code http}. */
  String name();

  /**
   * Delivers one alert, retrying as the channel sees fit. Returning normally means delivered;
   * throwing means the alert is lost and is counted as failed.
   */
  void write(Alert alert) throws IOException, InterruptedException;

  /** Pushes buffered bytes out; called after each alert unless outputs are buffered. */
  default void flush() throws IOException {}

  /** Reopens files or restarts programs on the next write (log rotation, SIGUSR1). */
  default void reopen() {}

  /** Releases files, processes and sockets. */
  @Override
  default void close() throws IOException {}
}
