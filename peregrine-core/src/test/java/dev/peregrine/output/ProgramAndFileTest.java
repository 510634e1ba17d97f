package dev.peregrine.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
  void program_keepAlive_countsLinesADeadProgramDidNotRead() throws Exception {
    Path marker = tmp.resolve("marker");
    Path out = tmp.resolve("out");
    Path pid = tmp.resolve("pid");
    // the first run never reads its input; later runs copy it
    String program = "if [ -e '" + marker + "' ]; then exec cat >> '" + out + "'; else : > '"
        + marker + "'; echo $$ > '" + pid + "'; exec sleep 1000; fi";
    SinkStats stats = new SinkStats("program");
    List<String> log = new CopyOnWriteArrayList<>();
    ProgramOutput p = new ProgramOutput(program, true, Alerts.text(), Duration.ofSeconds(10),
        stats, log::add);
    QueuedSink sink = new QueuedSink(p, QueuedSink.Options.defaults(), stats, OutputLog.NONE,
        Ticker.SYSTEM);
    for (int i = 0; i < 3; i++) {
      sink.accept(Alerts.numbered(i));
    }
    assertThat(sink.flush(Duration.ofSeconds(10))).isTrue();
    waitForLines(pid, 1);
    ProcessHandle first = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
        .orElseThrow();
    first.destroyForcibly();
    first.onExit().join();
    sink.accept(Alerts.numbered(3));
    sink.close(Duration.ofSeconds(10));
    assertThat(Files.readAllLines(out)).singleElement().asString().contains("user=user-3");
    SinkStats.Snapshot s = stats.snapshot();
    assertThat(s.delivered()).isEqualTo(4);
    assertThat(s.retries()).isEqualTo(1);
    assertThat(s.possiblyLost()).isEqualTo(3);
    assertThat(log).singleElement().asString().startsWith("output program: the program ")
        .contains("up to 3 alerts written to it may not have been read (3 possibly lost so far)");
  }

  @Test
  void program_keepAlive_programThatExitsOnEndOfInput_losesNothing() throws Exception {
    Path out = tmp.resolve("out");
    SinkStats stats = new SinkStats("program");
    List<String> log = new CopyOnWriteArrayList<>();
    ProgramOutput p = new ProgramOutput("cat >> '" + out + "'", true, Alerts.text(),
        Duration.ofSeconds(10), stats, log::add);
    QueuedSink sink = new QueuedSink(p, QueuedSink.Options.defaults(), stats, OutputLog.NONE,
        Ticker.SYSTEM);
    for (int i = 0; i < 3; i++) {
      sink.accept(Alerts.numbered(i));
    }
    sink.close(Duration.ofSeconds(10));
    assertThat(Files.readAllLines(out)).hasSize(3);
    assertThat(stats.snapshot().possiblyLost()).isZero();
    assertThat(log).isEmpty();
  }

  @Test
  void unread_keepsTheLinesAPipeCouldStillHold() {
    ProgramOutput.Unread u = new ProgramOutput.Unread(10);
    u.written(4);
    u.written(4);
    u.written(4);
    assertThat(u.lines()).isEqualTo(3);
    u.written(4);
    assertThat(u.lines()).as("the first line is followed by 12 bytes").isEqualTo(3);
    u.written(20);
    assertThat(u.lines()).isEqualTo(1);
    u.clear();
    assertThat(u.lines()).isZero();
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
