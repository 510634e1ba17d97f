package dev.peregrine.output;

import dev.peregrine.engine.Alert;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;

/**
 * {@code http_output}: one POST per alert, in order. The body is the alert as JSON ({@code
 * Content-Type: application/json}) or as the text line ({@code text/plain}), without a line
 * terminator. Connection errors, timeouts, 408, 429 and 5xx answers are retried with exponential
 * backoff up to {@code maxRetries} times; other answers outside 2xx fail at once, and so does a
 * server certificate that is not trusted or does not name the host (retrying cannot help).
 *
 * <p>One {@link HttpClient} per output: HTTP/1.1 connections are kept and reused for the next
 * alert (the JDK closes one that has been idle for {@code jdk.httpclient.keepalive.timeout}, 30 s
 * by default). The JDK client offers no way to turn on TCP keepalive probes, which is all that
 * Falco's {@code keep_alive} does; a kept connection that the network dropped makes the next
 * attempt fail with an I/O error, which is retried on a new connection.
 */
public final class HttpOutput implements Channel {
  /**
   * What to send and how hard to try.
   *
   * @param url where alerts are posted
   * @param userAgent the User-Agent header
   * @param headers extra request headers
   * @param gzip compress the body ({@code Content-Encoding: gzip})
   * @param timeout connect and request timeout of one attempt
   * @param maxRetries attempts after the first before the alert is given up
   * @param backoff wait before the first retry; doubled for each further one
   * @param maxBackoff upper bound of the wait
   * @param echo pass response bodies to the echo sink (Falco prints them on stdout)
   */
  public record Settings(URI url, String userAgent, Map<String, String> headers, boolean gzip,
      Duration timeout, int maxRetries, Duration backoff, Duration maxBackoff, boolean echo) {
    public Settings {
      headers = Map.copyOf(headers);
    }
  }

  /** Discards response bodies. */
  public static final Consumer<String> NO_ECHO = body -> { };

  private final Settings settings;
  private final AlertFormatter formatter;
  private final HttpClient client;
  private final Ticker ticker;
  private final SinkRetries retries;
  private final Consumer<String> echo;

  /**
   * @param ssl TLS context for https URLs, or null for the JDK default
   * @param retries where retries are counted
   * @param echo receives the body of every response when {@link Settings#echo()} is on (2xx or
   *     not, like curl in Falco), as a line: a newline is added unless the body ends with one
   */
  public HttpOutput(Settings settings, AlertFormatter formatter, SSLContext ssl, Ticker ticker,
      SinkRetries retries, Consumer<String> echo) {
    this.settings = settings;
    this.formatter = formatter;
    this.ticker = ticker;
    this.retries = retries;
    this.echo = echo;
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER);
    if (ssl != null) {
      b.sslContext(ssl);
    }
    this.client = b.build();
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public void write(Alert alert) throws IOException, InterruptedException {
    HttpRequest request = request(formatter.format(alert));
    long wait = settings.backoff().toNanos();
    for (int attempt = 0; ; attempt++) {
      String problem = attempt(request);
      if (problem == null) {
        return;
      }
      if (problem.startsWith(FATAL) || attempt >= settings.maxRetries()) {
        throw new IOException(problem.replace(FATAL, "") + " (after " + (attempt + 1)
            + (attempt == 0 ? " attempt)" : " attempts)"));
      }
      retries.retried();
      ticker.sleep(wait);
      wait = Math.min(wait * 2, settings.maxBackoff().toNanos());
    }
  }

  private static final String FATAL = "fatal: ";

  /** One POST: null when delivered, else the problem, prefixed {@link #FATAL} if not retryable. */
  private String attempt(HttpRequest request) throws InterruptedException {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      int code = r.statusCode();
      if (settings.echo() && !r.body().isEmpty()) {
        echo.accept(r.body().endsWith("\n") ? r.body() : r.body() + "\n");
      }
      if (code >= 200 && code < 300) {
        return null;
      }
      return (retryable(code) ? "" : FATAL) + "HTTP " + code + " from " + settings.url();
    } catch (IOException e) {
      String tls = Tls.certificateProblem(e);
      return tls != null ? FATAL + settings.url() + ": " + tls
          : settings.url() + ": " + QueuedSink.message(e);
    }
  }

  static boolean retryable(int code) {
    return code == 408 || code == 429 || code >= 500;
  }

  private HttpRequest request(String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder b = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
        .header("Content-Type", formatter.json() ? "application/json" : "text/plain")
        .header("User-Agent", settings.userAgent());
    if (settings.gzip()) {
      bytes = gzip(bytes);
      b.header("Content-Encoding", "gzip");
    }
    settings.headers().forEach(b::header);
    return b.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(bytes.length / 2 + 32);
    try (GZIPOutputStream z = new GZIPOutputStream(buf)) {
      z.write(bytes);
    }
    return buf.toByteArray();
  }
}
