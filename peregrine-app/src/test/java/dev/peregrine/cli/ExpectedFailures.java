package dev.peregrine.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Known divergences from upstream expectations: {@code suite/case: reason} lines in {@code
 * conformance/expected-failures.txt}. A listed case must fail; when it passes the test fails too.
 */
final class ExpectedFailures {
  private static final Map<String, String> REASONS = load();

  private ExpectedFailures() {}

  /** The reason a case is expected to fail, or null when it must pass. */
  static String reason(String caseId) {
    return REASONS.get(caseId);
  }

  private static Map<String, String> load() {
    Map<String, String> m = new HashMap<>();
    try (InputStream in = ExpectedFailures.class.getResourceAsStream(
        "/conformance/expected-failures.txt")) {
      if (in == null) {
        return m;
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        int colon = t.indexOf(": ");
        if (colon < 0) {
          throw new IllegalStateException("expected-failures.txt: no reason on line: " + line);
        }
        m.put(t.substring(0, colon), t.substring(colon + 2));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }
}
