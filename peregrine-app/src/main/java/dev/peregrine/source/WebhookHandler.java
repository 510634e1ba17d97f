package dev.peregrine.source;

import dev.peregrine.event.Selection;
import dev.peregrine.event.Format;
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
 * operational ones ({@code /healthz}, {@code /readyz}, {@code /versions}, {@code /metrics}
 * unless turned off).
 *
 * <p>An audit request is answered 200 only after its body was parsed and its events admitted
 * (queued, and spooled when a spool is configured). Checks happen before the body is read where
 * possible: method (405), token (401/403), content type (415), declared length (413). The
 * optional cloud path answers the same way for managed-cluster envelopes, also takes gzip bodies
 * and Firehose's access key, and answers Firehose requests in the shape Firehose expects.
 */
final class WebhookHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LOGGED_REJECTS = 10;

  private final ServeConfig config;
  /** Kinesis Data Firehose's request id header; its answer must echo the id. */
  static final String FIREHOSE_REQUEST_ID = "X-Amz-Firehose-Request-Id";
  /** Kinesis Data Firehose's access key header, taken as a bearer token on the cloud path. */
  static final String FIREHOSE_ACCESS_KEY = "X-Amz-Firehose-Access-Key";

  private final BatchParser parser;
  private final BatchParser cloudParser;
  private final Ingest ingest;
  private final ServeMetrics metrics;
  private final TokenAuth auth;
  private final BooleanSupplier ready;
  private final Map<String, Object> versions;
  private final LongSupplier nanoTime;

  WebhookHandler(ServeConfig config, Selection selection, Ingest ingest, ServeMetrics metrics,
      TokenAuth auth, BooleanSupplier ready, Map<String, Object> versions, LongSupplier nanoTime) {
    this.config = config;
    this.parser = new BatchParser(config.limits(), Format.K8S, selection);
    this.cloudParser = new BatchParser(config.limits(), config.cloudFormat(), selection);
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
    boolean cloud = path.equals(config.cloudPath());
    if (cloud || config.auditPaths().contains(path)) {
      long t0 = nanoTime.getAsLong();
      Answer a = audit(request, cloud ? cloudParser : parser, cloud, t0);
      a.headers().forEach((k, v) -> response.getHeaders().put(k, v));
      Object body = a.body();
      String firehose = request.getHeaders().get(FIREHOSE_REQUEST_ID);
      if (cloud && firehose != null) {
        body = CloudBodies.firehoseAnswer(firehose, System.currentTimeMillis(), a);
      }
      send(response, callback, a.status(), body);
      metrics.request(a.status());
      metrics.ackLatency((nanoTime.getAsLong() - t0) / 1e9);
      return true;
    }
    boolean get = HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
    boolean served = switch (path) {
      case "/healthz", "/readyz", "/versions" -> true;
      case "/metrics" -> config.metricsEnabled();
      default -> false;
    };
    if (!served) {
      send(response, callback, 404, error("no such endpoint: " + path));
    } else if (!get) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      send(response, callback, 405, error(request.getMethod() + " method not allowed"));
    } else {
      operational(path, response, callback);
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

  /**
   * The answer to an audit request.
   *
   * @param headers extra response headers
   */
  record Answer(int status, Map<String, Object> body, Map<String, String> headers) {
    Answer(int status, Map<String, Object> body) {
      this(status, body, Map.of());
    }
  }

  /** Answers one audit request (an audit path, or the cloud path with {@code cloud}). */
  private Answer audit(Request request, BatchParser p, boolean cloud, long t0)
      throws IOException {
    if (!HttpMethod.POST.is(request.getMethod())) {
      return new Answer(405, error(request.getMethod() + " method not allowed"),
          Map.of(HttpHeader.ALLOW.asString(), "POST"));
    }
    if (auth != null) {
      String given = request.getHeaders().get(HttpHeader.AUTHORIZATION);
      String key = cloud ? request.getHeaders().get(FIREHOSE_ACCESS_KEY) : null;
      switch (key != null && given == null ? auth.check("Bearer " + key) : auth.check(given)) {
        case MISSING -> {
          return new Answer(401, error("bearer token required"),
              Map.of(HttpHeader.WWW_AUTHENTICATE.asString(), "Bearer realm=\"peregrine\"",
                  HttpHeader.CONNECTION.asString(), "close"));
        }
        case WRONG -> {
          // the body is never read: close the connection so a client does not reuse it
          return new Answer(403, error("bearer token not accepted"),
              Map.of(HttpHeader.CONNECTION.asString(), "close"));
        }
        case OK -> { }
      }
    }
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type == null || !type.toLowerCase(Locale.ROOT).contains("application/json")) {
      metrics.rejected("content_type", 1);
      return new Answer(415, error("Content-Type must be application/json, was " + type));
    }
    long max = config.limits().maxBodyBytes();
    if (request.getLength() > max) {
      return tooLarge(request.getLength(), max);
    }
    byte[] body = readBody(request, max);
    if (body != null && cloud && CloudBodies.gzipped(body,
        request.getHeaders().get(HttpHeader.CONTENT_ENCODING))) {
      body = CloudBodies.gunzip(body, max);
    }
    if (body == null) {
      return tooLarge(-1, max);
    }
    return switch (p.parse(body)) {
      case BatchParser.Refused r -> {
        metrics.rejected(r.reason(), 1);
        LOG.warn("refused batch ({}): {}", r.status(), r.body());
        yield new Answer(r.status(), r.body());
      }
      case BatchParser.Ok ok -> admit(p.spooled(body), ok, t0);
    };
  }

  private Answer admit(byte[] spooled, BatchParser.Ok ok, long t0) {
    int n = ok.events().size();
    metrics.received(n + ok.rejected().size());
    metrics.skipped(ok.skipped());
    Ingest.Outcome outcome = ingest.admit(spooled, ok.events(), t0);
    if (outcome != Ingest.Outcome.ACCEPTED) {
      String reason = outcome.name().toLowerCase(Locale.ROOT);
      metrics.refused(reason, n);
      int status = outcome == Ingest.Outcome.QUEUE_FULL ? 429 : 503;
      return new Answer(status, error(switch (outcome) {
        case QUEUE_FULL -> "ingest queue is full; retry later";
        case SPOOL_FULL -> "spool is full; retry later";
        case STOPPING -> "shutting down; retry later";
        default -> "spool write failed; retry later";
      }), Map.of(HttpHeader.RETRY_AFTER.asString(),
          Integer.toString(config.retryAfterSeconds())));
    }
    metrics.accepted(n);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accepted", n);
    if (!ok.rejected().isEmpty()) {
      reportRejected(ok.rejected());
      answer.put("rejected_count", ok.rejected().size());
      answer.put("rejected", BatchParser.rejected(ok.rejected()));
    }
    if (ok.skipped() > 0) {
      answer.put("skipped", ok.skipped());
    }
    return new Answer(200, answer);
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

  private Answer tooLarge(long length, long max) {
    metrics.rejected("body_too_large", 1);
    String size = length >= 0 ? length + " bytes" : "body";
    return new Answer(413, error(size + " over the limit of " + max + " bytes"));
  }

  /** The body, or null when it is longer than {@code max}. */
  private static byte[] readBody(Request request, long max) throws IOException {
    long declared = request.getLength();
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (declared >= 0 && declared <= max) {
        // one array of the declared size, filled in place (no chunks to join)
        byte[] b = new byte[(int) declared];
        int n = in.readNBytes(b, 0, b.length);
        if (n == b.length && in.read() < 0) {
          return b;
        }
        if (n < b.length) {
          throw new IOException("body shorter than its Content-Length");
        }
        return null; // more than declared: over the limit or not HTTP
      }
      byte[] b = in.readNBytes((int) max + 1);
      return b.length > max ? null : b;
    }
  }

  private static Map<String, Object> error(String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    return m;
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
