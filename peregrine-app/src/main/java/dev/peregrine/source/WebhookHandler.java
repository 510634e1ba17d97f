package dev.peregrine.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peregrine.event.DecodeError;
import dev.peregrine.metrics.ServeMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every HTTP endpoint of {@code peregrine serve}: the audit paths (POST of batches) and the
 * operational ones ({@code /healthz}, {@code /readyz}, {@code /versions}, {@code /metrics}).
 *
 * <p>An audit request is answered 200 only after its body was parsed and its events admitted
 * (queued, and spooled when a spool is configured). Checks happen before the body is read where
 * possible: method (405), token (401/403), content type (415), declared length (413).
 */
final class WebhookHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LOGGED_REJECTS = 10;

  private final ServeConfig config;
  private final BatchParser parser;
  private final Ingest ingest;
  private final ServeMetrics metrics;
  private final TokenAuth auth;
  private final BooleanSupplier ready;
  private final Map<String, Object> versions;
  private final LongSupplier nanoTime;

  WebhookHandler(ServeConfig config, Ingest ingest, ServeMetrics metrics, TokenAuth auth,
      BooleanSupplier ready, Map<String, Object> versions, LongSupplier nanoTime) {
    this.config = config;
    this.parser = new BatchParser(config.limits());
    this.ingest = ingest;
    this.metrics = metrics;
    this.auth = auth;
    this.ready = ready;
    this.versions = versions;
    this.nanoTime = nanoTime;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    if (config.auditPaths().contains(path)) {
      long t0 = nanoTime.getAsLong();
      int status = audit(request, response, callback, t0);
      metrics.request(status);
      metrics.ackLatency((nanoTime.getAsLong() - t0) / 1e9);
      return true;
    }
    boolean get = HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
    switch (path) {
      case "/healthz", "/readyz", "/versions", "/metrics" -> {
        if (!get) {
          response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
          send(response, callback, 405, error(request.getMethod() + " method not allowed"));
        } else {
          operational(path, response, callback);
        }
      }
      default -> send(response, callback, 404, error("no such endpoint: " + path));
    }
    return true;
  }

  private void operational(String path, Response response, Callback callback) throws IOException {
    switch (path) {
      case "/healthz" -> send(response, callback, 200, Map.of("status", "ok"));
      case "/readyz" -> {
        boolean ok = ready.getAsBoolean();
        send(response, callback, ok ? 200 : 503, Map.of("status", ok ? "ok" : "not ready"));
      }
      case "/versions" -> send(response, callback, 200, versions);
      default -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        metrics.write(out);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics.contentType());
        response.write(true, ByteBuffer.wrap(out.toByteArray()), callback);
      }
    }
  }

  /** Answers one audit request; returns the status sent. */
  private int audit(Request request, Response response, Callback callback, long t0)
      throws IOException {
    if (!HttpMethod.POST.is(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      return send(response, callback, 405, error(request.getMethod() + " method not allowed"));
    }
    if (auth != null) {
      switch (auth.check(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
        case MISSING -> {
          response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"peregrine\"");
          return send(response, callback, 401, error("bearer token required"));
        }
        case WRONG -> {
          return send(response, callback, 403, error("bearer token not accepted"));
        }
        case OK -> { }
      }
    }
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type == null || !type.toLowerCase(Locale.ROOT).contains("application/json")) {
      metrics.rejected("content_type", 1);
      return send(response, callback, 415,
          error("Content-Type must be application/json, was " + type));
    }
    long max = config.limits().maxBodyBytes();
    if (request.getLength() > max) {
      return tooLarge(response, callback, request.getLength(), max);
    }
    byte[] body = readBody(request, max);
    if (body == null) {
      return tooLarge(response, callback, -1, max);
    }
    return switch (parser.parse(body)) {
      case BatchParser.Refused r -> {
        metrics.rejected(r.reason(), 1);
        LOG.warn("refused batch ({}): {}", r.status(), r.body());
        yield send(response, callback, r.status(), r.body());
      }
      case BatchParser.Ok ok -> admit(body, ok, response, callback, t0);
    };
  }

  private int admit(byte[] body, BatchParser.Ok ok, Response response, Callback callback,
      long t0) throws IOException {
    int n = ok.events().size();
    metrics.received(n + ok.rejected().size());
    Ingest.Outcome outcome = ingest.admit(body, ok.events(), t0);
    if (outcome != Ingest.Outcome.ACCEPTED) {
      String reason = outcome.name().toLowerCase(Locale.ROOT);
      metrics.refused(reason, n);
      response.getHeaders().put(HttpHeader.RETRY_AFTER,
          Integer.toString(config.retryAfterSeconds()));
      int status = outcome == Ingest.Outcome.QUEUE_FULL ? 429 : 503;
      return send(response, callback, status, error(switch (outcome) {
        case QUEUE_FULL -> "ingest queue is full; retry later";
        case SPOOL_FULL -> "spool is full; retry later";
        case STOPPING -> "shutting down; retry later";
        default -> "spool write failed; retry later";
      }));
    }
    metrics.accepted(n);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accepted", n);
    if (!ok.rejected().isEmpty()) {
      reportRejected(ok.rejected());
      answer.put("rejected_count", ok.rejected().size());
      answer.put("rejected", BatchParser.rejected(ok.rejected()));
    }
    return send(response, callback, 200, answer);
  }

  private void reportRejected(List<DecodeError> rejected) {
    for (int i = 0; i < rejected.size(); i++) {
      DecodeError e = rejected.get(i);
      metrics.rejected(BatchParser.label(e), 1);
      if (i < LOGGED_REJECTS) {
        LOG.warn("rejected item in batch: {} at {}", e.reason(), e.path() == null ? "$" : e.path());
      }
    }
  }

  private int tooLarge(Response response, Callback callback, long length, long max) {
    metrics.rejected("body_too_large", 1);
    String size = length >= 0 ? length + " bytes" : "body";
    return send(response, callback, 413, error(size + " over the limit of " + max + " bytes"));
  }

  /** The body, or null when it is longer than {@code max}. */
  private static byte[] readBody(Request request, long max) throws IOException {
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] b = in.readNBytes((int) max + 1);
      return b.length > max ? null : b;
    }
  }

  private static Map<String, Object> error(String message) {
    return Map.of("error", message);
  }

  private static int send(Response response, Callback callback, int status, Object body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return status;
  }
}
