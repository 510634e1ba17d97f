package dev.peregrine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.bench.Corpus;
import dev.peregrine.bench.Mix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --threads N} prints the same alerts, errors (file:line) and counts as one thread,
 * and the same with selective decoding off.
 */
class ReplayThreadsTest {
  @TempDir Path tmp;

  static String withoutElapsed(String err) {
    return err.replaceAll("(?m)^Elapsed: .*$", "");
  }

  void assertSameOutput(Path... files) {
    String[] paths = java.util.Arrays.stream(files).map(Path::toString).toArray(String[]::new);
    ReplayCommandTest.Run one = run(paths, "--threads", "1", "--no-selective-decode");
    assertThat(one.status()).isZero();
    for (String[] opts : new String[][] {{"--threads", "1"}, {"--threads", "3"},
        {"--threads", "2", "--no-selective-decode"}}) {
      ReplayCommandTest.Run r = run(paths, opts);
      assertThat(r.out()).as(String.join(" ", opts)).isEqualTo(one.out());
      assertThat(withoutElapsed(r.err())).as(String.join(" ", opts))
          .isEqualTo(withoutElapsed(one.err()));
    }
  }

  static ReplayCommandTest.Run run(String[] files, String... opts) {
    String[] args = new String[files.length + opts.length + 2];
    args[0] = "replay";
    args[1] = "--json";
    System.arraycopy(opts, 0, args, 2, opts.length);
    System.arraycopy(files, 0, args, 2 + opts.length, files.length);
    return ReplayCommandTest.run(args);
  }

  @Test
  void corpus_sameAlertsAndSummary() throws IOException {
    Path f = tmp.resolve("corpus.jsonl");
    Files.write(f, Corpus.generate(new Corpus.Spec(3_000, 3, Mix.defaults())).jsonl());
    assertSameOutput(f, f);
  }

  @Test
  void trickyInputs_sameAlertsErrorsAndLines() throws IOException {
    byte[] corpus = Corpus.generate(new Corpus.Spec(1_500, 5, Mix.defaults())).jsonl();
    String text = new String(corpus, StandardCharsets.UTF_8);
    String[] lines = text.split("\n");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (i % 97 == 5) {
        sb.append(lines[i], 0, lines[i].length() / 2).append('\n');
      } else if (i % 113 == 7) {
        sb.append("{\"kind\":\"EventList\",\"items\":[\n").append(lines[i]).append(",\n")
            .append(lines[i + 1]).append("\n]}\n");
      } else if (i % 131 == 9) {
        sb.append(lines[i].replace(",\"", ",\n  \"")).append('\n');
      } else {
        sb.append(lines[i]).append('\n');
      }
    }
    Path f = tmp.resolve("tricky.jsonl");
    Files.writeString(f, sb.toString() + "not json\n" + lines[0].substring(0, 40));
    assertSameOutput(f);
  }
}
