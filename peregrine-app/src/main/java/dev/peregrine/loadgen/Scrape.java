package dev.peregrine.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scrape of the receiver's {@code /metrics} (Prometheus text format): each series, such as
 * {@code peregrine_events_accepted_total} or {@code jvm_memory_used_bytes{area="heap"}}, with its
 * value.
 */
record Scrape(Map<String, Double> series) {
  /** The receiver's counters the load generator checks. */
  static final String ACCEPTED = "peregrine_events_accepted_total";
  static final String EVALUATED = "peregrine_events_evaluated_total";
  static final String DEDUPLICATED = "peregrine_events_deduplicated_total";
  static final String QUEUE = "peregrine_queue_depth";
  static final String HEAP_USED = "jvm_memory_used_bytes{area=\"heap\"}";
  static final String AFTER_GC = "jvm_memory_pool_collection_used_bytes";

  static Scrape fetch(HttpClient http, URI url) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(url)
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(url + " answered " + r.statusCode());
    }
    return parse(r.body());
  }

  static Scrape parse(String text) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int sp = line.lastIndexOf(' ');
      if (sp <= 0) {
        continue;
      }
      try {
        m.put(line.substring(0, sp).trim(), Double.parseDouble(line.substring(sp + 1)));
      } catch (NumberFormatException e) {
        // not a sample line
      }
    }
    return new Scrape(m);
  }

  /** The sum of every series of metric {@code name} (all label values), 0 when absent. */
  double sum(String name) {
    double s = 0;
    for (Map.Entry<String, Double> e : series.entrySet()) {
      String k = e.getKey();
      if (k.equals(name) || (k.startsWith(name) && k.charAt(name.length()) == '{')) {
        s += e.getValue();
      }
    }
    return s;
  }

  /** The value of one series, if present. */
  Double get(String key) {
    return series.get(key);
  }
}
