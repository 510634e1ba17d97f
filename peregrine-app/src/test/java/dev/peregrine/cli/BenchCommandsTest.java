package dev.peregrine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.event.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The corpus and bench commands work end to end (tiny sizes; nothing is timed here). */
class BenchCommandsTest {
  @TempDir Path dir;

  private static int run(Object command, StringWriter out, StringWriter err, String... args) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void corpus_writesJsonLinesAndEventLists() throws Exception {
    Path jsonl = dir.resolve("c.jsonl");
    Path lists = dir.resolve("c.json");
    StringWriter err = new StringWriter();
    assertThat(run(new CorpusCommand(), new StringWriter(), err, "--count", "30", "--seed", "5",
        "-o", jsonl.toString())).isZero();
    assertThat(Files.readAllLines(jsonl)).hasSize(30);
    assertThat(err.toString()).contains("30 events");
    assertThat(run(new CorpusCommand(), new StringWriter(), err, "--count", "30", "--format",
        "eventlist", "--batch", "20", "-o", lists.toString())).isZero();
    assertThat(Files.readAllLines(lists)).hasSize(2).allMatch(l -> l.contains("\"EventList\""));
    assertThat(run(new CorpusCommand(), new StringWriter(), new StringWriter(), "--mix", "x=1"))
        .isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void bench_printsEveryWorkloadAndWritesJsonAndPlot() throws Exception {
    Path json = dir.resolve("b.json");
    Path png = dir.resolve("b.png");
    StringWriter out = new StringWriter();
    int rc = run(new BenchCommand(), out, new StringWriter(), "--count", "200", "--warmup", "0",
        "--warmup-time", "0", "--runs", "1", "--generated-rules", "20",
        "--upstream-rules", dir.resolve("none").toString(),
        "--json", json.toString(), "--plot", png.toString());
    assertThat(rc).isZero();
    assertThat(out.toString()).contains("Jackson stream-skip", "default ruleset",
        "20 generated rules");
    JsonNode report = Json.mapper().readTree(json.toFile());
    // a, b, c0, cJ, c, c1, d, d0, f, f0, and dN when there is more than one processor
    int parallel = Runtime.getRuntime().availableProcessors() > 1 ? 1 : 0;
    assertThat(report.get("results").size()).isEqualTo(10 + parallel);
    // every ratio is taken to the faster of the two stream-skip measurements, the row shown
    JsonNode skip = report.get("results").get(0);
    assertThat(skip.get("id").asText()).isEqualTo("a");
    for (JsonNode r : report.get("results")) {
      assertThat(r.get("ratioToStreamSkip").asDouble()).as(r.get("id").asText())
          .isCloseTo(skip.get("nanos").asDouble() / r.get("nanos").asDouble(), within(1e-9));
    }
    assertThat(report.at("/method/warmupSeconds").asDouble()).isZero();
    assertThat(report.get("costByRuleCount").size()).isPositive();
    assertThat(Files.size(png)).isPositive();
  }
}
