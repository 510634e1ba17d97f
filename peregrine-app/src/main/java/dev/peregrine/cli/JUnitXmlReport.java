package dev.peregrine.cli;

import dev.peregrine.cli.RuleTestRunner.CaseResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes rule test results in the JUnit XML format CI systems read: one suite per test file. */
final class JUnitXmlReport {
  private JUnitXmlReport() {}

  /** The report for {@code results}, grouped by file in first-seen order. */
  static String render(List<CaseResult> results) {
    Map<String, List<CaseResult>> byFile = new LinkedHashMap<>();
    for (CaseResult r : results) {
      byFile.computeIfAbsent(r.file(), k -> new java.util.ArrayList<>()).add(r);
    }
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append(String.format(Locale.ROOT,
        "<testsuites name=\"peregrine rules test\" tests=\"%d\" failures=\"%d\" errors=\"%d\""
            + " time=\"%s\">%n", results.size(), failures(results), errors(results),
        seconds(results)));
    byFile.forEach((file, rs) -> suite(x, file, rs));
    return x.append("</testsuites>\n").toString();
  }

  private static void suite(StringBuilder x, String file, List<CaseResult> rs) {
    x.append(String.format(Locale.ROOT,
        "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" time=\"%s\">%n",
        esc(file), rs.size(), failures(rs), errors(rs), seconds(rs)));
    for (CaseResult r : rs) {
      x.append(String.format(Locale.ROOT, "    <testcase classname=\"%s\" name=\"%s\" time=\"%s\"",
          esc(file), esc(r.test()), seconds(List.of(r))));
      if (r.passed()) {
        x.append("/>\n");
        continue;
      }
      String tag = r.error() ? "error" : "failure";
      x.append(">\n      <").append(tag).append(" message=\"").append(esc(r.problems().get(0)))
          .append("\">").append(esc(String.join("\n", r.problems()))).append("</").append(tag)
          .append(">\n    </testcase>\n");
    }
    x.append("  </testsuite>\n");
  }

  private static long failures(List<CaseResult> rs) {
    return rs.stream().filter(r -> !r.passed() && !r.error()).count();
  }

  private static long errors(List<CaseResult> rs) {
    return rs.stream().filter(CaseResult::error).count();
  }

  private static String seconds(List<CaseResult> rs) {
    long nanos = rs.stream().mapToLong(CaseResult::nanos).sum();
    return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
  }

  /** XML text and attribute escaping; control characters other than tab and newline dropped. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\n', '\t' -> b.append(c);
        default -> {
          if (c >= 0x20) {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
