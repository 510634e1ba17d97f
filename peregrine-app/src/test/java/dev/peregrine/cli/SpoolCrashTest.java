package dev.peregrine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.source.Fixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a serving process with a spool in the middle of a load, then a restart: every event
 * that was answered 200 is evaluated (at least once: a batch evaluated after the last checkpoint
 * and before the kill is evaluated again after the restart), and a graceful stop loses nothing.
 */
@Timeout(120)
class SpoolCrashTest {
  @TempDir Path tmp;

  record Child(Process process, int port) {}

  Child launch(Path rules, Path spool, Path stdout) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "serve",
        "-r", rules.toString(), "--listen", "127.0.0.1:0", "--spool", spool.toString(),
        "--workers", "1");
    pb.redirectOutput(stdout.toFile());
    Process p = pb.start();
    BufferedReader err = new BufferedReader(
        new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    Pattern serving = Pattern.compile("serving .* on 127\\.0\\.0\\.1:(\\d+)");
    String line;
    while ((line = err.readLine()) != null) {
      Matcher m = serving.matcher(line);
      if (m.find()) {
        Thread.ofPlatform().daemon().start(() -> drain(err));
        return new Child(p, Integer.parseInt(m.group(1)));
      }
    }
    throw new IOException("child exited with " + p.waitFor());
  }

  private static void drain(BufferedReader err) {
    try {
      while (err.readLine() != null) {
        // discard the child's log
      }
    } catch (IOException closedAtExit) {
      // the child was killed
    }
  }

  static String batch(int b, int n) {
    StringBuilder s = new StringBuilder("{\"kind\":\"EventList\",\"items\":[");
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : ",").append("{\"auditID\":\"b").append(b).append('-').append(i)
          .append("\",\"stage\":\"ResponseComplete\",\"verb\":\"get\",\"user\":{\"username\":\"u\"},")
          .append("\"stageTimestamp\":\"2026-11-20T10:15:01.000002Z\"}");
    }
    return s.append("]}").toString();
  }

  @Test
  void killMinus9MidLoad_restart_everyAcknowledgedEventIsEvaluated() throws Exception {
    Path rules = Files.writeString(tmp.resolve("seen.yaml"), Fixtures.SEEN_RULE);
    Path spool = tmp.resolve("spool");
    Path out1 = tmp.resolve("out1.txt");
    Path out2 = tmp.resolve("out2.txt");
    Child first = launch(rules, spool, out1);
    Set<String> acked = ConcurrentHashMap.newKeySet();
    AtomicBoolean go = new AtomicBoolean(true);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      int base = t * 1_000_000;
      senders.add(Thread.ofPlatform().start(() -> {
        for (int b = base; go.get(); b++) {
          try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + first.port() + "/k8s-audit"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(batch(b, 50))).build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
              for (int i = 0; i < 50; i++) {
                acked.add("b" + b + "-" + i);
              }
            }
          } catch (IOException | InterruptedException e) {
            return;
          }
        }
      }));
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (acked.size() < 5_000 && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    first.process().destroyForcibly();
    first.process().waitFor(20, TimeUnit.SECONDS);
    go.set(false);
    for (Thread t : senders) {
      t.join(10_000);
    }
    assertThat(acked.size()).isGreaterThanOrEqualTo(1_000);

    Child second = launch(rules, spool, out2);
    second.process().destroy();
    assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

    Map<String, Integer> seen = new HashMap<>();
    for (Path out : List.of(out1, out2)) {
      for (String l : Files.readAllLines(out)) {
        int at = l.indexOf("seen ");
        if (at >= 0) {
          seen.merge(l.substring(at + 5).strip(), 1, Integer::sum);
        }
      }
    }
    List<String> missing = acked.stream().filter(id -> !seen.containsKey(id)).toList();
    assertThat(missing).as("acknowledged but never evaluated").isEmpty();
    long twice = seen.values().stream().filter(n -> n > 1).count();
    System.err.printf("kill -9 test: %d acknowledged, %d evaluated, %d evaluated twice%n",
        acked.size(), seen.size(), twice);
  }
}
