package dev.peregrine.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP output over TLS against a loopback HTTPS receiver: trusted CAs from a file or a directory,
 * {@code insecure}, refusal of untrusted certificates, mutual TLS and connection reuse. The
 * certificates are the test-only ones in {@code output/tls/}.
 */
@Timeout(60)
class HttpTlsTest {
  @TempDir Path tmp;

  static Path pem(String name) {
    try {
      return Path.of(HttpTlsTest.class.getResource("/output/tls/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Tls trusting(Path ca) {
    return new Tls(false, ca.toString(), "", "", false, "", "");
  }

  /** A loopback HTTPS server answering 200 to every request and recording who sent it. */
  static final class Receiver implements AutoCloseable {
    /** One request: the client's port (one per connection) and certificate subject, if any. */
    record Request(int clientPort, String clientSubject, String body) {}

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpsServer server;

    /**
     * @param cert the server certificate, named as {@code NAME.pem} with key {@code NAME.key}
     * @param clientCa CA required of client certificates, or null for no client auth
     */
    Receiver(String cert, String clientCa) throws IOException, GeneralSecurityException {
      server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      SSLContext ctx = serverContext(cert, clientCa);
      server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
        @Override
        public void configure(HttpsParameters p) {
          SSLParameters sp = ctx.getDefaultSSLParameters();
          sp.setNeedClientAuth(clientCa != null);
          p.setSSLParameters(sp);
        }
      });
      server.createContext("/", ex -> {
        String body = new String(ex.getRequestBody().readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
        var session = ((HttpsExchange) ex).getSSLSession();
        String subject;
        try {
          subject = session.getPeerPrincipal().getName();
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
          subject = null;
        }
        requests.add(new Request(ex.getRemoteAddress().getPort(), subject, body));
        ex.sendResponseHeaders(200, -1);
        ex.close();
      });
      server.setExecutor(Executors.newSingleThreadExecutor());
      server.start();
    }

    private static SSLContext serverContext(String cert, String clientCa)
        throws IOException, GeneralSecurityException {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("server", Tls.privateKey(pem(cert + ".key")), new char[0],
          Tls.certificates(Files.readString(pem(cert + ".pem"))).toArray(new Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(
          KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, new char[0]);
      TrustManagerFactory tmf = null;
      if (clientCa != null) {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", Tls.certificates(Files.readString(pem(clientCa))).get(0));
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return ctx;
    }

    URI url() {
      return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** What one run of the HTTP output produced. */
  record Outcome(SinkStats.Snapshot stats, List<String> log) {}

  /** Sends {@code n} alerts through a queued HTTP output with up to 5 retries per alert. */
  static Outcome send(Receiver rx, SSLContext ssl, int n) {
    SinkStats stats = new SinkStats("http");
    HttpTest.NoSleep ticker = new HttpTest.NoSleep();
    HttpOutput h = new HttpOutput(HttpTest.settings(rx.url(), 5, false), Alerts.json(), ssl,
        ticker, stats, HttpOutput.NO_ECHO);
    List<String> log = new CopyOnWriteArrayList<>();
    QueuedSink sink = new QueuedSink(h, QueuedSink.Options.defaults(), stats, log::add, ticker);
    for (int i = 0; i < n; i++) {
      sink.accept(Alerts.numbered(i));
    }
    sink.close(Duration.ofSeconds(30));
    return new Outcome(stats.snapshot(), log);
  }

  @Test
  void caCert_file_trustsTheServer() throws Exception {
    try (Receiver rx = new Receiver("server", null)) {
      Outcome o = send(rx, trusting(pem("ca.pem")).context(), 1);
      assertThat(o.stats().delivered()).as(o.log().toString()).isEqualTo(1);
      assertThat(rx.requests).singleElement().satisfies(r ->
          assertThat(r.body()).contains("user-0"));
    }
  }

  @Test
  void caPath_directory_trustsTheServer() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("certs"));
    Files.copy(pem("other-ca.pem"), dir.resolve("a-other.pem"));
    Files.copy(pem("ca.pem"), dir.resolve("b-ca.crt"));
    Files.writeString(dir.resolve("README"), "not a certificate");
    try (Receiver rx = new Receiver("server", null)) {
      Tls tls = new Tls(false, "", "", dir.toString(), false, "", "");
      Outcome o = send(rx, tls.context(), 1);
      assertThat(o.stats().delivered()).as(o.log().toString()).isEqualTo(1);
      assertThat(rx.requests).hasSize(1);
    }
  }

  @Test
  void insecure_acceptsAnUntrustedCertificateNamingNoHost() throws Exception {
    try (Receiver rx = new Receiver("rogue", null)) {
      Tls tls = new Tls(true, "", "", Tls.SYSTEM_CA_PATH, false, "", "");
      Outcome o = send(rx, tls.context(), 2);
      assertThat(o.stats().delivered()).as(o.log().toString()).isEqualTo(2);
      assertThat(rx.requests).hasSize(2);
    }
  }

  @Test
  void untrustedCertificate_isRefusedAtOnce_countedAndExplained() throws Exception {
    try (Receiver rx = new Receiver("server", null)) {
      Outcome o = send(rx, trusting(pem("other-ca.pem")).context(), 2);
      assertThat(o.stats().failed()).isEqualTo(2);
      assertThat(o.stats().delivered()).isZero();
      assertThat(o.stats().retries()).as("a certificate problem is not retried").isZero();
      assertThat(rx.requests).isEmpty();
      assertThat(o.log()).first().asString()
          .contains("output http: alert not delivered: " + rx.url())
          .contains("the server certificate is not trusted")
          .contains("ca_cert").contains("after 1 attempt)");
    }
  }

  @Test
  void jdkTrustStore_refusesTheTestCa() throws Exception {
    try (Receiver rx = new Receiver("server", null)) {
      Tls defaults = new Tls(false, "", "", Tls.SYSTEM_CA_PATH, false, "", "");
      assertThat(defaults.isDefault()).isTrue();
      Outcome o = send(rx, null, 1);
      assertThat(o.stats().failed()).isEqualTo(1);
      assertThat(o.log()).first().asString().contains("not trusted");
    }
  }

  @Test
  void hostNameMismatch_isRefusedAndExplained() throws Exception {
    try (Receiver rx = new Receiver("rogue", null)) {
      Outcome o = send(rx, trusting(pem("other-ca.pem")).context(), 1);
      assertThat(o.stats().failed()).isEqualTo(1);
      assertThat(o.stats().retries()).isZero();
      assertThat(o.log()).first().asString().contains("does not name this host");
    }
  }

  @Test
  void mtls_presentsTheClientCertificate() throws Exception {
    try (Receiver rx = new Receiver("server", "ca.pem")) {
      Tls tls = new Tls(false, pem("ca.pem").toString(), "", "", true,
          pem("client.pem").toString(), pem("client.key").toString());
      Outcome o = send(rx, tls.context(), 2);
      assertThat(o.stats().delivered()).as(o.log().toString()).isEqualTo(2);
      assertThat(rx.requests).extracting(Receiver.Request::clientSubject)
          .containsOnly("CN=kube-apiserver");
    }
  }

  @Test
  void mtls_serverRequiringAClientCertificate_refusesNoneOrAnUntrustedOne() throws Exception {
    try (Receiver rx = new Receiver("server", "ca.pem")) {
      Outcome none = send(rx, trusting(pem("ca.pem")).context(), 1);
      assertThat(none.stats().failed()).isEqualTo(1);
      assertThat(none.log()).first().asString()
          .contains("the server refused the client certificate");
      Tls rogue = new Tls(false, pem("ca.pem").toString(), "", "", true,
          pem("rogue.pem").toString(), pem("rogue.key").toString());
      Outcome untrusted = send(rx, rogue.context(), 1);
      assertThat(untrusted.stats().failed()).isEqualTo(1);
      assertThat(untrusted.log()).first().asString()
          .contains("the server refused the client certificate");
      assertThat(rx.requests).isEmpty();
    }
  }

  @Test
  void keepsOneConnectionForSuccessiveAlerts() throws Exception {
    try (Receiver rx = new Receiver("server", null)) {
      Outcome o = send(rx, trusting(pem("ca.pem")).context(), 5);
      assertThat(o.stats().delivered()).isEqualTo(5);
      assertThat(rx.requests).extracting(Receiver.Request::clientPort).hasSize(5)
          .containsOnly(rx.requests.get(0).clientPort());
    }
  }
}
