package dev.peregrine.event.cloud;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.event.DecodeError;
import dev.peregrine.event.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** JSON held as a string, and base64 (optionally gzip) payloads inside envelopes. */
final class Payloads {

  private Payloads() {}

  /** Why a payload could not be read. */
  static final class BadPayload extends Exception {
    BadPayload(String message) {
      super(message);
    }
  }

  /** Parses a string that must hold exactly one JSON value. */
  static JsonNode json(String text) throws BadPayload {
    try (JsonParser p = Json.mapper().getFactory().createParser(text)) {
      JsonNode value = Json.readValue(p);
      if (value == null) {
        throw new BadPayload("invalid JSON: no value");
      }
      if (p.nextToken() != null) {
        throw new BadPayload("invalid JSON: more after the value, at column "
            + p.currentTokenLocation().getColumnNr());
      }
      return value;
    } catch (JacksonException e) {
      throw new BadPayload("invalid JSON: " + DecodeError.jacksonMessage(e));
    } catch (IOException e) {
      throw new BadPayload("invalid JSON: " + e.getMessage());
    }
  }

  /**
   * Decodes base64 text, undoes gzip when the bytes start with its magic number, and parses the
   * result as a sequence of JSON values (one value, JSON lines or concatenated values).
   *
   * @param maxBytes largest decoded payload accepted
   */
  static List<JsonNode> encoded(String base64, long maxBytes) throws BadPayload {
    byte[] raw;
    try {
      raw = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new BadPayload("invalid base64: " + e.getMessage());
    }
    byte[] bytes = isGzip(raw) ? gunzip(raw, maxBytes) : raw;
    List<JsonNode> values = new ArrayList<>();
    try (JsonParser p = Json.mapper().getFactory().createParser(bytes)) {
      for (JsonNode v; (v = Json.readValue(p)) != null; ) {
        values.add(v);
      }
    } catch (IOException e) {
      throw new BadPayload("invalid JSON in decoded payload: " + DecodeError.jacksonMessage(e));
    }
    return values;
  }

  private static boolean isGzip(byte[] b) {
    return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
  }

  private static byte[] gunzip(byte[] raw, long maxBytes) throws BadPayload {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 8);
      byte[] buf = new byte[8192];
      long total = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        total += n;
        if (total > maxBytes) {
          throw new BadPayload("decoded payload larger than max event size (" + maxBytes
              + " bytes)");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new BadPayload("invalid gzip data: " + e.getMessage());
    }
  }
}
