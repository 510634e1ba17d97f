package dev.peregrine.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast timestamp path gives what the formatter gives, and leaves the rest to it. */
class StageTimeTest {
  static String outcome(String text, boolean fast) {
    try {
      return Long.toString(StageTime.parseNanos(text, fast));
    } catch (IllegalArgumentException e) {
      return "rejected";
    }
  }

  @Test
  void fastPath_agreesWithTheFormatter() {
    List<String> samples = new ArrayList<>(List.of("2024-01-02T03:04:05Z",
        "2024-01-02T03:04:05.123456Z", "2024-02-29T23:59:59.999999999+05:30",
        "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-13-01T00:00:00Z",
        "2024-01-02T24:00:00Z", "2024-01-02T03:04:60Z", "2024-01-02T03:04:05.Z",
        "2024-01-02T03:04:05.1234567891Z", "2024-01-02T03:04:05+00:00",
        "2024-01-02T03:04:05-00:00", "2024-01-02T03:04:05z", "2024-01-02t03:04:05Z",
        "2024-01-02T03:04:05+18:00", "2024-01-02T03:04:05-17:59", "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.5Z", "2262-04-11T23:47:16.854775807Z", "1677-09-21T00:12:43Z",
        "0001-01-01T00:00:00Z", "2024-01-02T03:04:05+0530", "2024-1-02T03:04:05Z"));
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 20_000; i++) {
      samples.add(String.format("%04d-%02d-%02dT%02d:%02d:%02d.%s%s", 1600 + r.nextInt(800),
          r.nextInt(14), r.nextInt(33), r.nextInt(25), r.nextInt(61), r.nextInt(61),
          Long.toString(r.nextLong(1_000_000_000L, 9_999_999_999L)).substring(0, 1 + r.nextInt(10)),
          r.nextBoolean() ? "Z" : String.format("%s%02d:%02d", r.nextBoolean() ? "+" : "-",
              r.nextInt(19), r.nextInt(60))));
    }
    for (String s : samples) {
      assertThat(outcome(s, true)).as(s).isEqualTo(outcome(s, false));
    }
  }
}
