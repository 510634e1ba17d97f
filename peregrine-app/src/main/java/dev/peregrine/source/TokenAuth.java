package dev.peregrine.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.List;

/**
 * Bearer-token check against a token file (one token per line; blank lines and lines starting
 * with {@code #} are ignored). The file is read again when its modification time changes, so
 * tokens can be rotated without a restart.
 */
final class TokenAuth {
  /** Result of {@link #check}. */
  enum Verdict { OK, MISSING, WRONG }

  private final Path file;
  private volatile FileTime loadedAt;
  private volatile List<byte[]> tokens;

  TokenAuth(Path file) {
    this.file = file;
    reload();
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("token file " + file + " holds no token");
    }
  }

  private void reload() {
    try {
      FileTime t = Files.getLastModifiedTime(file);
      if (t.equals(loadedAt)) {
        return;
      }
      tokens = TokenFile.tokens(file).stream()
          .map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();
      loadedAt = t;
    } catch (IOException e) {
      if (tokens == null) {
        throw new UncheckedIOException("cannot read token file " + file, e);
      }
    }
  }

  /** Checks an {@code Authorization} header value (null when absent). */
  Verdict check(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Verdict.MISSING;
    }
    reload();
    byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    boolean ok = false;
    for (byte[] t : tokens) {
      ok |= MessageDigest.isEqual(t, given);
    }
    return ok ? Verdict.OK : Verdict.WRONG;
  }
}
