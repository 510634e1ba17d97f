package dev.peregrine.output;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM text: X.509 certificates ({@code BEGIN CERTIFICATE}), PKCS#8 private keys ({@code
 * BEGIN PRIVATE KEY}: RSA, EC, Ed25519 or other EdDSA) and PKCS#1 RSA private keys ({@code BEGIN
 * RSA PRIVATE KEY}). Other blocks are skipped, so a key and its certificate chain may share one
 * text. Callers read the files and word the errors for a missing block.
 */
public final class PemReader {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private PemReader() {}

  /** The certificates of {@code pem}, in order; empty if it holds none. */
  public static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      if (m.group(1).equals("CERTIFICATE")) {
        try (InputStream in = new ByteArrayInputStream(decode(m.group(2)))) {
          out.add((X509Certificate) cf.generateCertificate(in));
        } catch (IOException e) {
          throw new GeneralSecurityException(e);
        }
      }
    }
    return out;
  }

  /**
   * The first {@code PRIVATE KEY} or {@code RSA PRIVATE KEY} of {@code pem}; empty if it holds
   * neither.
   */
  public static Optional<PrivateKey> privateKey(String pem) throws GeneralSecurityException {
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      switch (m.group(1)) {
        case "PRIVATE KEY" -> {
          return Optional.of(pkcs8(decode(m.group(2))));
        }
        case "RSA PRIVATE KEY" -> {
          return Optional.of(KeyFactory.getInstance("RSA").generatePrivate(
              new PKCS8EncodedKeySpec(Der.rsaPkcs1ToPkcs8(decode(m.group(2))))));
        }
        default -> { }
      }
    }
    return Optional.empty();
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String alg : new String[] {"RSA", "EC", "Ed25519", "EdDSA"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }

  private static byte[] decode(String base64) {
    return Base64.getMimeDecoder().decode(base64);
  }
}
