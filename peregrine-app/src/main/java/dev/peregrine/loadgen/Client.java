package dev.peregrine.loadgen;

import dev.peregrine.source.TokenFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends one batch the way kube-apiserver's webhook client does: POST with {@code Content-Type:
 * application/json} and an optional bearer token; on a connection error, a timeout, 429 or a 5xx
 * it waits and tries again (backoff growing 1.5x with 20 % jitter, at least the answer's {@code
 * Retry-After}), up to the attempt limit. Other 4xx answers are final, as for the apiserver,
 * whose {@code DefaultShouldRetry} retries only transient errors.
 */
final class Client {
  private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
  private static final Pattern REJECTED = Pattern.compile("\"rejected_count\"\\s*:\\s*(\\d+)");

  /**
   * How one batch ended.
   *
   * @param status the last HTTP status, or 0 when the last attempt got no answer
   * @param accepted events the receiver acknowledged
   * @param rejected items the receiver reported as not events
   * @param retries attempts after the first
   * @param ackNanos time of the last attempt, from sending to the answer
   * @param statuses the status of every attempt, in order (0: no answer)
   */
  record Result(int status, long accepted, long rejected, int retries, long ackNanos,
      List<Integer> statuses) {
    boolean acknowledged() {
      return status >= 200 && status < 300;
    }
  }

  /** Waits between attempts; tests pass one that does not sleep. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final HttpClient http;
  private final URI url;
  private final String token;
  private final LoadSpec spec;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;

  Client(LoadSpec spec, LongSupplier nanoTime, Sleeper sleeper) throws IOException,
      GeneralSecurityException {
    this.spec = spec;
    this.url = spec.url();
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.token = spec.tokenFile() == null ? null : firstToken(spec.tokenFile());
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10));
    if (spec.ca() != null) {
      b.sslContext(trusting(spec.ca()));
    }
    this.http = b.build();
  }

  HttpClient http() {
    return http;
  }

  /** Sends {@code body} until it is acknowledged, refused for good, or attempts run out. */
  Result send(byte[] body, SplittableRandom rnd) throws InterruptedException {
    Duration wait = spec.backoff();
    List<Integer> statuses = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      long t0 = nanoTime.getAsLong();
      int status = 0;
      String answer = "";
      Optional<String> retryAfter = Optional.empty();
      try {
        HttpResponse<String> r = http.send(request(body), HttpResponse.BodyHandlers.ofString());
        status = r.statusCode();
        answer = r.body();
        retryAfter = r.headers().firstValue("Retry-After");
      } catch (IOException e) {
        status = 0;
      }
      long took = nanoTime.getAsLong() - t0;
      statuses.add(status);
      boolean transient_ = status == 0 || status == 429 || status >= 500;
      if (!transient_ || attempt >= spec.maxAttempts()) {
        boolean ok = status >= 200 && status < 300;
        return new Result(status, ok ? number(ACCEPTED, answer) : 0,
            ok ? number(REJECTED, answer) : 0, attempt - 1, took, statuses);
      }
      sleeper.sleep(delay(wait, retryAfter, rnd));
      wait = Duration.ofNanos((long) (wait.toNanos() * 1.5));
    }
  }

  private HttpRequest request(byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(spec.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.build();
  }

  /** The backoff step with up to 20 % jitter, but never less than Retry-After. */
  static Duration delay(Duration step, Optional<String> retryAfter, SplittableRandom rnd) {
    long nanos = (long) (step.toNanos() * (1 + 0.2 * rnd.nextDouble()));
    long floor = retryAfter.map(Client::seconds).orElse(0L) * 1_000_000_000L;
    return Duration.ofNanos(Math.max(nanos, floor));
  }

  private static long seconds(String v) {
    try {
      return Math.max(0, Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return 0;  // an HTTP date: fall back to the backoff
    }
  }

  static long number(Pattern p, String answer) {
    Matcher m = p.matcher(answer);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /** The first line of {@code file} that is neither blank nor a {@code #} comment. */
  static String firstToken(Path file) throws IOException {
    return TokenFile.tokens(file).stream().findFirst()
        .orElseThrow(() -> new IOException(file + " holds no token"));
  }

  private static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    int i = 0;
    try (InputStream in = Files.newInputStream(caFile)) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca-" + i++, c);
      }
    }
    if (i == 0) {
      throw new IOException(caFile + " holds no certificate");
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
