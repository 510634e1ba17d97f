package dev.peregrine.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Program output survives the program dying; file output survives rotation. */
@Timeout(60)
class ProgramAndFileTest {
  @TempDir Path tmp;

  @Test
  void program_keepAlive_restartsAProgramThatDies() throws Exception {
    Path f = tmp.resolve("lines");
    Path pid = tmp.resolve("pid");
    // the program copies lines until one mentions "die", then exits with an error
    String program = "echo $$ > '" + pid + "'; while read -r l; do echo \"$l\" >> '" + f
        + "'; case \"$l\" in *die*) exit 3;; esac; done";
    SinkStats stats = new SinkStats("program");
    ProgramOutput p = new ProgramOutput(program, true, Alerts.text(), Duration.ofSeconds(10),
        stats, OutputLog.NONE);
    QueuedSink sink = new QueuedSink(p, QueuedSink.Options.defaults(), stats, OutputLog.NONE,
        Ticker.SYSTEM);
    String[] users = {"a", "die-1", "b", "die-2", "c"};
    for (int i = 0; i < users.length; i++) {
      sink.accept(Alerts.user(users[i]));
      assertThat(sink.flush(Duration.ofSeconds(10))).isTrue();
      waitForLines(f, i + 1);
      if (users[i].startsWith("die")) {
        long dead = Long.parseLong(Files.readString(pid).strip());
        ProcessHandle.of(dead).ifPresent(h -> h.onExit().join());
      }
    }
    sink.close(Duration.ofSeconds(10));
    assertThat(Files.readAllLines(f)).extracting(l -> l.replaceAll(".*user=(\\S+) .*", "$1"))
        .containsExactly(users);
    assertThat(stats.snapshot().delivered()).isEqualTo(5);
    assertThat(stats.snapshot().retries()).isEqualTo(2);
  }

  @Test
  void program_reopen_restartsTheProgram() throws IOException {
    Path f = tmp.resolve("starts");
    ProgramOutput p = new ProgramOutput("echo start >> '" + f + "'; cat > /dev/null", true,
        Alerts.text(), Duration.ofSeconds(10), SinkRetries.NONE, OutputLog.NONE);
    QueuedSink sink = new QueuedSink(p, QueuedSink.Options.defaults(), OutputLog.NONE,
        Ticker.SYSTEM);
    sink.accept(Alerts.numbered(0));
    sink.flush(Duration.ofSeconds(10));
    sink.reopen();
    sink.accept(Alerts.numbered(1));
    sink.close(Duration.ofSeconds(10));
    waitForLines(f, 2);
    assertThat(Files.readAllLines(f)).containsExactly("start", "start");
  }

  private static void waitForLines(Path f, int n) throws IOException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.exists(f) && Files.readAllLines(f).size() >= n) {
        return;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Test
  void file_keepAlive_followsRenameRotation() throws IOException {
    Path f = tmp.resolve("events.txt");
    Path rotated = tmp.resolve("events.txt.1");
    FileOutput out = new FileOutput(f, true, Alerts.text());
    out.write(Alerts.user("before"));
    out.flush();
    Files.move(f, rotated);
    out.write(Alerts.user("after"));
    out.flush();
    Files.delete(rotated.resolveSibling("events.txt.1"));
    out.write(Alerts.user("again"));
    out.close();
    assertThat(Files.readString(f)).contains("user=after").contains("user=again")
        .doesNotContain("user=before");
  }

  @Test
  void file_keepAlive_recreatesADeletedFile_andReopensOnRequest() throws IOException {
    Path f = tmp.resolve("events.txt");
    FileOutput out = new FileOutput(f, true, Alerts.text());
    out.write(Alerts.user("one"));
    out.flush();
    Files.delete(f);
    out.write(Alerts.user("two"));
    out.flush();
    assertThat(Files.readString(f)).contains("user=two").doesNotContain("user=one");
    out.reopen();
    out.write(Alerts.user("three"));
    out.close();
    assertThat(Files.readAllLines(f)).hasSize(2);
  }

  @Test
  void file_copytruncate_keepsAppending() throws IOException {
    Path f = tmp.resolve("events.txt");
    FileOutput out = new FileOutput(f, true, Alerts.text());
    out.write(Alerts.user("one"));
    out.flush();
    Files.write(f, new byte[0]);
    out.write(Alerts.user("two"));
    out.close();
    assertThat(Files.readAllLines(f)).singleElement().asString().contains("user=two");
  }
}
