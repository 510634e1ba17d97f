package dev.peregrine.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A loopback HTTP receiver that accepts alerts as Falcosidekick's input handler does (POST only,
 * parsable priority, non-empty rule, non-zero RFC 3339 time, non-empty output_fields) and also
 * applies Falcosidekick-UI's rule that {@code output} is ASCII. Records every request.
 */
final class SidekickReceiver implements AutoCloseable {
  private static final Set<String> PRIORITIES = Set.of("emergency", "alert", "critical", "error",
      "warning", "notice", "informational", "info", "debug");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received; {@code body} is decompressed when gzip was used. */
  record Request(String method, String contentType, String userAgent, String encoding,
      String custom, String body, int status, String problem) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  /** Answer this many requests with 503 before accepting. */
  final AtomicInteger failNext = new AtomicInteger();
  private final HttpServer server;

  SidekickReceiver() throws IOException {
    this(0);
  }

  SidekickReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newSingleThreadExecutor());
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  List<Request> accepted() {
    return requests.stream().filter(r -> r.status() == 200).toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    String enc = ex.getRequestHeaders().getFirst("Content-Encoding");
    byte[] raw;
    try (InputStream in = "gzip".equals(enc) ? new GZIPInputStream(ex.getRequestBody())
        : ex.getRequestBody()) {
      raw = in.readAllBytes();
    }
    String body = new String(raw, StandardCharsets.UTF_8);
    String problem = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? "unavailable"
        : !ex.getRequestMethod().equals("POST") ? "method" : check(body);
    int status = problem == null ? 200 : problem.equals("unavailable") ? 503 : 400;
    requests.add(new Request(ex.getRequestMethod(),
        ex.getRequestHeaders().getFirst("Content-Type"),
        ex.getRequestHeaders().getFirst("User-Agent"), enc,
        ex.getRequestHeaders().getFirst("X-Custom"), body, status, problem));
    byte[] answer = (status == 200 ? "{}" : "Please send a valid request body")
        .getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, answer.length);
    ex.getResponseBody().write(answer);
    ex.close();
  }

  /** Null when Falcosidekick (and its UI) would accept the payload, else why not. */
  static String check(String body) {
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (IOException e) {
      return "not JSON";
    }
    if (!PRIORITIES.contains(n.path("priority").asText("").toLowerCase(Locale.ROOT))) {
      return "priority";
    }
    if (n.path("rule").asText("").isEmpty()) {
      return "rule";
    }
    try {
      if (OffsetDateTime.parse(n.path("time").asText("")).toEpochSecond() == 0) {
        return "time";
      }
    } catch (RuntimeException e) {
      return "time";
    }
    if (!n.path("output_fields").isObject() || n.path("output_fields").isEmpty()) {
      return "output_fields";
    }
    String output = n.path("output").asText("");
    if (output.isEmpty() || !output.chars().allMatch(c -> c < 0x80)) {
      return "output not ASCII";
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
