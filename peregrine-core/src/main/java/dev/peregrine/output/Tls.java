package dev.peregrine.output;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS settings of {@code http_output}, with falco.yaml's names. The trusted CAs come from the
 * first non-empty of {@code caCert}, {@code caBundle} (PEM files) and {@code caPath} (a directory
 * of PEM files); when none is set, or {@code caPath} is the system directory {@code
 * /etc/ssl/certs}, the JDK's trust store is used. {@code insecure} skips certificate and host name
 * checks. {@code mtls} presents {@code clientCert} with {@code clientKey} (PEM; PKCS#8, or PKCS#1
 * RSA).
 */
public record Tls(boolean insecure, String caCert, String caBundle, String caPath, boolean mtls,
    String clientCert, String clientKey) {
  /** The CA directory Falco defaults to; it means "the system trust store" here. */
  public static final String SYSTEM_CA_PATH = "/etc/ssl/certs";

  /** True when nothing differs from the JDK's defaults. */
  public boolean isDefault() {
    return !insecure && !mtls && customCa() == null;
  }

  /** The SSL context these settings describe. */
  public SSLContext context() throws IOException, GeneralSecurityException {
    TrustManager[] trust = insecure ? new TrustManager[] {new TrustAll()} : trustManagers();
    KeyManagerFactory kmf = null;
    if (mtls) {
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      List<X509Certificate> chain = certificates(Files.readString(Path.of(clientCert)));
      if (chain.isEmpty()) {
        throw new GeneralSecurityException(clientCert + ": no PEM certificate");
      }
      ks.setKeyEntry("client", privateKey(Path.of(clientKey)), new char[0],
          chain.toArray(new Certificate[0]));
      kmf.init(ks, new char[0]);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), trust, null);
    return ctx;
  }

  private String customCa() {
    for (String s : new String[] {caCert, caBundle, caPath}) {
      if (s != null && !s.isEmpty()) {
        return s.equals(SYSTEM_CA_PATH) ? null : s;
      }
    }
    return null;
  }

  private TrustManager[] trustManagers() throws IOException, GeneralSecurityException {
    String ca = customCa();
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (ca == null) {
      tmf.init((KeyStore) null);
      return tmf.getTrustManagers();
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    int n = 0;
    for (Path file : caFiles(Path.of(ca))) {
      for (X509Certificate c : certificates(Files.readString(file, StandardCharsets.US_ASCII))) {
        ks.setCertificateEntry("ca" + n++, c);
      }
    }
    if (n == 0) {
      throw new GeneralSecurityException(ca + ": no PEM certificate found");
    }
    tmf.init(ks);
    return tmf.getTrustManagers();
  }

  private static List<Path> caFiles(Path ca) throws IOException {
    if (!Files.isDirectory(ca)) {
      return List.of(ca);
    }
    try (Stream<Path> s = Files.list(ca)) {
      return s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(pem|crt)$"))
          .sorted().toList();
    }
  }

  static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
    return PemReader.certificates(pem);
  }

  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    return PemReader.privateKey(Files.readString(file, StandardCharsets.US_ASCII))
        .orElseThrow(() -> new GeneralSecurityException(
            file + ": no PKCS#8 or RSA private key in PEM form"));
  }

  /**
   * A description of why the TLS handshake behind {@code e} failed when the cause is a
   * certificate: the server's is not trusted or does not name the host (retrying cannot help), or
   * the server refused ours. Null for other failures.
   */
  static String certificateProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException) {
        String m = QueuedSink.message(t);
        return m.contains("subject alternative") || m.contains("No name matching")
            ? "TLS: the server certificate does not name this host (use a URL with a name it "
                + "was issued for, or insecure: true): " + m
            : "TLS: the server certificate is not trusted (set ca_cert, ca_bundle or ca_path to "
                + "the CA that signed it, or insecure: true): " + m;
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException && CLIENT_CERT_REFUSED.matcher(QueuedSink.message(t)).find()) {
        return "TLS: the server refused the client certificate (check mtls, client_cert and "
            + "client_key): " + QueuedSink.message(t);
      }
    }
    return null;
  }

  /** The alerts a server sends when it does not accept the client's certificate (or its lack). */
  private static final Pattern CLIENT_CERT_REFUSED = Pattern.compile("Received fatal alert: "
      + "(certificate_required|bad_certificate|unknown_ca|certificate_unknown)");

  /** Accepts every certificate and host name: {@code insecure: true}. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] c, String a, Socket s) {}

    @Override
    public void checkServerTrusted(X509Certificate[] c, String a, Socket s) {}

    @Override
    public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {}

    @Override
    public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {}

    @Override
    public void checkClientTrusted(X509Certificate[] c, String a) {}

    @Override
    public void checkServerTrusted(X509Certificate[] c, String a) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
