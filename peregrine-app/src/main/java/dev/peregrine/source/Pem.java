package dev.peregrine.source;

import dev.peregrine.output.PemReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.List;

/**
 * Reads PEM files into key stores: certificate chains, PKCS#8 keys ({@code BEGIN PRIVATE KEY},
 * RSA, EC or EdDSA) and PKCS#1 RSA keys ({@code BEGIN RSA PRIVATE KEY}), parsed by {@link
 * PemReader}. The key and the chain may share one file, as in Falco's {@code sslCertificate}.
 */
final class Pem {
  /** Password of the in-memory key stores (they never touch the disk). */
  static final String PASSWORD = "peregrine";

  private Pem() {}

  /** A key store holding the key and certificate chain of {@code certFile}/{@code keyFile}. */
  static KeyStore keyStore(Path certFile, Path keyFile) throws IOException,
      GeneralSecurityException {
    List<Certificate> chain = certificates(certFile);
    if (chain.isEmpty()) {
      throw new GeneralSecurityException(certFile + ": no CERTIFICATE block");
    }
    PrivateKey key = privateKey(keyFile);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", key, PASSWORD.toCharArray(), chain.toArray(Certificate[]::new));
    return ks;
  }

  /** A trust store holding every certificate of {@code caFile}. */
  static KeyStore trustStore(Path caFile) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    int i = 0;
    for (Certificate c : certificates(caFile)) {
      ks.setCertificateEntry("ca" + i++, c);
    }
    if (i == 0) {
      throw new GeneralSecurityException(caFile + ": no CERTIFICATE block");
    }
    return ks;
  }

  static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
    return List.copyOf(PemReader.certificates(Files.readString(file, StandardCharsets.US_ASCII)));
  }

  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    return PemReader.privateKey(Files.readString(file, StandardCharsets.US_ASCII))
        .orElseThrow(() -> new GeneralSecurityException(file
            + ": no PRIVATE KEY or RSA PRIVATE KEY block"
            + " (convert other keys with: openssl pkcs8 -topk8 -nocrypt)"));
  }
}
