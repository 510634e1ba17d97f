package dev.peregrine.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * What the cloud path does beyond the audit paths: gzip request bodies (Firehose's content
 * encoding), inflated within the body limit, and answers in the shape Kinesis Data Firehose
 * expects from an HTTP endpoint.
 */
final class CloudBodies {
  private CloudBodies() {}

  /** True for a {@code Content-Encoding: gzip} header or a body starting with gzip's magic. */
  static boolean gzipped(byte[] body, String contentEncoding) {
    boolean magic = body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    return magic || (contentEncoding != null
        && contentEncoding.toLowerCase(Locale.ROOT).contains("gzip") && body.length > 0);
  }

  /**
   * The inflated body, or null when it is larger than {@code max} (answered 413, so a small
   * compressed body cannot fill the heap). A body that is not valid gzip is returned as it is,
   * for the parser to report.
   */
  static byte[] gunzip(byte[] body, long max) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      byte[] b = in.readNBytes((int) max + 1);
      return b.length > max ? null : b;
    } catch (IOException e) {
      return body;
    }
  }

  /**
   * The answer for Firehose: {@code requestId} (echoed from the request header) and {@code
   * timestamp} first, {@code errorMessage} on failure, then the usual members.
   */
  static Map<String, Object> firehoseAnswer(String requestId, long nowMillis,
      WebhookHandler.Answer a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requestId", requestId);
    m.put("timestamp", nowMillis);
    if (a.status() != 200 && a.body().get("error") != null) {
      m.put("errorMessage", a.body().get("error"));
    }
    m.putAll(a.body());
    return m;
  }
}
