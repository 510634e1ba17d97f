package dev.peregrine.source;

import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/**
 * A receiver on loopback for one test: {@link #start} runs a {@link WebhookServer} with {@link
 * Fixtures#engine()} and a collecting sink; it is closed (its gate opened first) after each test.
 */
abstract class ServerTestBase {
  final Fixtures.Collecting sink = new Fixtures.Collecting();
  WebhookServer server;

  int start(ServeConfig config) throws Exception {
    server = new WebhookServer(config, Fixtures.engine(), sink, Clock.systemUTC());
    server.start();
    return server.port();
  }

  @AfterEach
  void stopServer() throws Exception {
    if (sink.gate != null) {
      sink.gate.countDown();
    }
    if (server != null) {
      server.close();
    }
  }
}
