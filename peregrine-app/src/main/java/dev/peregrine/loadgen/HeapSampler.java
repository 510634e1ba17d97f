package dev.peregrine.loadgen;

import java.net.URI;
import java.net.http.HttpClient;

/**
 * Scrapes the receiver's {@code /metrics} once a second during a run and keeps the highest
 * {@code jvm_memory_used_bytes{area="heap"}} seen.
 */
final class HeapSampler {
  static final long PERIOD_MILLIS = 1000;

  private final HttpClient http;
  private final URI url;
  private volatile long max = -1;
  private volatile boolean stopping;
  private Thread thread;

  HeapSampler(HttpClient http, URI url) {
    this.http = http;
    this.url = url;
  }

  void start() {
    thread = Thread.ofPlatform().daemon().name("loadgen-heap").start(this::loop);
  }

  private void loop() {
    while (!stopping) {
      try {
        sample(Scrape.fetch(http, url));
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // a missed sample; the next one may work
      }
    }
  }

  synchronized void sample(Scrape s) {
    Double used = s.get(Scrape.HEAP_USED);
    if (used != null && used > max) {
      max = used.longValue();
    }
  }

  void stop() throws InterruptedException {
    stopping = true;
    if (thread != null) {
      thread.interrupt();
      thread.join();
    }
  }

  /** The highest heap use seen, or -1. */
  long max() {
    return max;
  }
}
