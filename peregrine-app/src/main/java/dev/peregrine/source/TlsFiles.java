package dev.peregrine.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS settings from PEM files: the server certificate chain and key, and optionally a client CA
 * (mutual TLS: clients must present a certificate it signed). {@link #reloadIfChanged} re-reads
 * the files when their modification times change and swaps the key store in place, so renewed
 * certificates (cert-manager, rotated Secrets) apply without a restart.
 *
 * @param cert PEM certificate chain (may also hold the key)
 * @param key PEM private key (may be the same file as {@code cert})
 * @param clientCa PEM CA certificates for client authentication, or null
 */
public record TlsFiles(Path cert, Path key, Path clientCa) {
  private static final Logger LOG = LoggerFactory.getLogger(TlsFiles.class);

  /** Requires the certificate and key. */
  public TlsFiles {
    Objects.requireNonNull(cert);
    Objects.requireNonNull(key);
  }

  /** A Jetty SSL context factory for these files. */
  SslContextFactory.Server factory() throws IOException, GeneralSecurityException {
    SslContextFactory.Server f = new SslContextFactory.Server();
    f.setKeyStore(Pem.keyStore(cert, key));
    f.setKeyStorePassword(Pem.PASSWORD);
    f.setKeyManagerPassword(Pem.PASSWORD);
    if (clientCa != null) {
      f.setTrustStore(Pem.trustStore(clientCa));
      f.setTrustStorePassword(Pem.PASSWORD);
      f.setNeedClientAuth(true);
    }
    return f;
  }

  /** Modification times of the files, to detect changes. */
  String stamp() {
    StringBuilder b = new StringBuilder();
    for (Path p : new Path[] {cert, key, clientCa}) {
      try {
        b.append(p == null ? "-" : Files.getLastModifiedTime(p).toMillis()).append(',');
      } catch (IOException e) {
        b.append("?,");
      }
    }
    return b.toString();
  }

  /**
   * Reloads {@code f} when {@link #stamp()} differs from {@code last}; returns the new stamp. A
   * file that does not parse (for instance half-written) keeps the old material and is retried.
   */
  String reloadIfChanged(SslContextFactory.Server f, String last) {
    String now = stamp();
    if (now.equals(last)) {
      return last;
    }
    try {
      var ks = Pem.keyStore(cert, key);
      var ts = clientCa == null ? null : Pem.trustStore(clientCa);
      f.reload(c -> {
        c.setKeyStore(ks);
        if (ts != null) {
          c.setTrustStore(ts);
        }
      });
      LOG.info("TLS material reloaded from {}", cert);
      return now;
    } catch (Exception e) {
      LOG.warn("TLS files changed but could not be loaded ({}); keeping the previous ones",
          e.getMessage());
      return last;
    }
  }
}
