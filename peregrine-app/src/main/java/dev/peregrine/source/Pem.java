package dev.peregrine.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files into key stores: certificate chains, PKCS#8 keys ({@code BEGIN PRIVATE KEY},
 * RSA, EC or Ed25519) and PKCS#1 RSA keys ({@code BEGIN RSA PRIVATE KEY}). The key and the chain
 * may share one file, as in Falco's {@code sslCertificate}.
 */
final class Pem {
  /** Password of the in-memory key stores (they never touch the disk). */
  static final String PASSWORD = "peregrine";
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

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
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    Matcher m = BLOCK.matcher(text);
    List<Certificate> out = new java.util.ArrayList<>();
    while (m.find()) {
      if (m.group(1).equals("CERTIFICATE")) {
        out.add(cf.generateCertificate(new ByteArrayInputStream(decode(m.group(2)))));
      }
    }
    return out;
  }

  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    Matcher m = BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    while (m.find()) {
      switch (m.group(1)) {
        case "PRIVATE KEY" -> {
          return pkcs8(decode(m.group(2)));
        }
        case "RSA PRIVATE KEY" -> {
          return KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(wrapPkcs1(decode(m.group(2)))));
        }
        default -> { }
      }
    }
    throw new GeneralSecurityException(file + ": no PRIVATE KEY or RSA PRIVATE KEY block"
        + " (convert other keys with: openssl pkcs8 -topk8 -nocrypt)");
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String alg : List.of("RSA", "EC", "Ed25519", "EdDSA")) {
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

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo. */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7,
        0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = der(0x04, pkcs1);
    byte[] inner = new byte[version.length + algorithm.length + octets.length];
    System.arraycopy(version, 0, inner, 0, version.length);
    System.arraycopy(algorithm, 0, inner, version.length, algorithm.length);
    System.arraycopy(octets, 0, inner, version.length + algorithm.length, octets.length);
    return der(0x30, inner);
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
    byte[] len = n < 0x80 ? new byte[] {(byte) n}
        : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
        : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
        : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    byte[] out = new byte[1 + len.length + n];
    out[0] = (byte) tag;
    System.arraycopy(len, 0, out, 1, len.length);
    System.arraycopy(content, 0, out, 1 + len.length, n);
    return out;
  }
}
