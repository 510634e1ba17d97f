package dev.peregrine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TLS, mutual TLS and bearer tokens, and their refusals. */
@Timeout(60)
class SecurityTest extends ServerTestBase {
  static final Path TLS = Path.of(System.getProperty("peregrine.repo.root", "../"))
      .resolve("peregrine-app/src/test/resources/tls");

  @TempDir Path tmp;

  static SSLContext client(String cert, String key) throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(Pem.trustStore(TLS.resolve("ca.pem")));
    KeyManagerFactory kmf = null;
    if (cert != null) {
      kmf = KeyManagerFactory.getInstance("PKIX");
      KeyStore ks = Pem.keyStore(TLS.resolve(cert), TLS.resolve(key));
      kmf.init(ks, Pem.PASSWORD.toCharArray());
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  static HttpResponse<String> post(SSLContext ctx, int port, String token) throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(ctx)
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest.Builder b = HttpRequest.newBuilder(
            URI.create("https://127.0.0.1:" + port + "/k8s-audit"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(Fixtures.batch("tls", 1)));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } finally {
      http.close();
    }
  }

  ServeConfig tls(String key, boolean mutual, Path token) {
    return Fixtures.config().withSecurity(new TlsFiles(TLS.resolve("server.pem"),
        TLS.resolve(key), mutual ? TLS.resolve("ca.pem") : null), token);
  }

  @Test
  void tls_servesWithPkcs8AndPkcs1Keys() throws Exception {
    int port = start(tls("server.key", false, null));
    assertThat(post(client(null, null), port, null).statusCode()).isEqualTo(200);
    server.close();
    port = start(tls("server-pkcs1.key", false, null));
    assertThat(post(client(null, null), port, null).statusCode()).isEqualTo(200);
  }

  @Test
  void mutualTls_acceptsTrustedClient_refusesOthersAtHandshake() throws Exception {
    int port = start(tls("server.key", true, null));
    assertThat(post(client("client.pem", "client.key"), port, null).statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> post(client(null, null), port, null)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> post(client("rogue.pem", "rogue.key"), port, null))
        .isInstanceOf(IOException.class);
    assertThat(sink.await(1)).isTrue();
    Thread.sleep(50);
    assertThat(sink.alerts).hasSize(1);
  }

  @Test
  void token_missingIs401_wrongIs403_rightIs200_andRotationApplies() throws Exception {
    Path token = Files.writeString(tmp.resolve("token"), "first-token\n");
    int port = start(Fixtures.config().withSecurity(null, token));
    HttpResponse<String> none = Fixtures.post(port, Fixtures.batch("tok", 1));
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Bearer"));
    assertThat(withToken(port, "nope").statusCode()).isEqualTo(403);
    assertThat(withToken(port, "first-token").statusCode()).isEqualTo(200);
    Files.writeString(token, "second-token\n");
    Files.setLastModifiedTime(token, FileTime.fromMillis(System.currentTimeMillis() + 5000));
    assertThat(withToken(port, "first-token").statusCode()).isEqualTo(403);
    assertThat(withToken(port, "second-token").statusCode()).isEqualTo(200);
    assertThat(Fixtures.get(port, "/healthz").statusCode()).isEqualTo(200);
  }

  static HttpResponse<String> withToken(int port, String token) throws Exception {
    return Fixtures.HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/k8s-audit"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(Fixtures.batch("tok", 1))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void certificateChange_isPickedUpWithoutRestart() throws Exception {
    Path cert = tmp.resolve("cert.pem");
    Path key = tmp.resolve("key.pem");
    Files.copy(TLS.resolve("client.pem"), cert);
    Files.copy(TLS.resolve("client.key"), key);
    int port = start(Fixtures.config().withSecurity(new TlsFiles(cert, key, null), null));
    assertThat(served(port).getSubjectX500Principal().getName()).contains("kube-apiserver");
    Files.copy(TLS.resolve("server.key"), key, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(TLS.resolve("server.pem"), cert, StandardCopyOption.REPLACE_EXISTING);
    FileTime later = FileTime.fromMillis(System.currentTimeMillis() + 10_000);
    Files.setLastModifiedTime(cert, later);
    Files.setLastModifiedTime(key, later);
    long end = System.nanoTime() + 15_000_000_000L;
    String name = "";
    while (System.nanoTime() < end && !name.contains("localhost")) {
      Thread.sleep(200);
      name = served(port).getSubjectX500Principal().getName();
    }
    assertThat(name).contains("CN=localhost");
  }

  /** The certificate the server presents (trusting anything, for inspection only). */
  static X509Certificate served(int port) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] c, String a) { }

      @Override
      public void checkServerTrusted(X509Certificate[] c, String a) { }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ctx.getSocketFactory()
        .createSocket("127.0.0.1", port)) {
      s.startHandshake();
      SSLSession session = s.getSession();
      return (X509Certificate) session.getPeerCertificates()[0];
    }
  }
}
