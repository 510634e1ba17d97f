package dev.peregrine.output;

import dev.peregrine.engine.Alert;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code program_output}: runs {@code sh -c PROGRAM} and writes alert lines to its stdin; the
 * program's stdout and stderr are those of Peregrine. Without keep_alive one process runs per
 * alert (stdin closed after the line, then waited for). With keep_alive one process gets every
 * line; when it has died it is started again and the line is written to the new process.
 *
 * <p>A line written to a kept program's pipe counts as delivered, but a program that ends
 * without reading to the end of its input loses what was still in the pipe, and nothing tells
 * how much that was. So when a kept program dies, closes its input, or has to be terminated,
 * the lines that could still have been unread (the last {@link #PIPE_CAPACITY} bytes written to
 * it) are counted as {@linkplain SinkRetries#possiblyLost possibly lost} and logged: an upper
 * bound, exact when the program read nothing of them. A program that exits by itself after its
 * input is closed has read everything, and nothing is counted.
 */
public final class ProgramOutput implements Channel {
  /** Bytes a Linux pipe holds by default: at most this much written to a program is unread. */
  static final int PIPE_CAPACITY = 64 * 1024;
  /** How long a program gets to exit on its own after its input is closed, before SIGTERM. */
  static final Duration STOP_WAIT = Duration.ofSeconds(2);
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final String program;
  private final boolean keepAlive;
  private final AlertFormatter formatter;
  private final Duration timeout;
  private final SinkRetries retries;
  private final RateLimitedLog lossLog;
  private final Unread unread = new Unread(PIPE_CAPACITY);
  private long possiblyLost;
  private Process process;
  private OutputStream stdin;
  private volatile boolean restartRequested;

  /**
   * @param program shell command line
   * @param keepAlive keep one process for all alerts
   * @param timeout how long a per-alert process may run before it is killed and the alert counted
   *     as failed; also how long close waits for a kept process to exit
   * @param retries where restarts and possibly lost lines are counted (may be {@link
   *     SinkRetries#NONE})
   * @param log where possibly lost lines are reported, at most once per 10 seconds
   */
  public ProgramOutput(String program, boolean keepAlive, AlertFormatter formatter,
      Duration timeout, SinkRetries retries, OutputLog log) {
    this.program = program;
    this.keepAlive = keepAlive;
    this.formatter = formatter;
    this.timeout = timeout;
    this.retries = retries;
    this.lossLog = new RateLimitedLog(log, Ticker.SYSTEM, LOG_INTERVAL_NANOS);
  }

  @Override
  public String name() {
    return "program";
  }

  @Override
  public void write(Alert alert) throws IOException, InterruptedException {
    byte[] line = (formatter.format(alert) + "\n").getBytes(StandardCharsets.UTF_8);
    if (!keepAlive) {
      runOnce(line);
      return;
    }
    if (restartRequested) {
      restartRequested = false;
      end(Math.min(timeout.toMillis(), STOP_WAIT.toMillis()));
    }
    if (process != null && !process.isAlive()) {
      retries.retried();
      end(0);
    }
    if (process == null) {
      start();
    }
    try {
      send(line);
    } catch (IOException e) {
      retries.retried();
      end(0);
      start();
      send(line);
    }
  }

  private void send(byte[] line) throws IOException {
    stdin.write(line);
    stdin.flush();
    unread.written(line.length);
  }

  @Override
  public void flush() throws IOException {
    if (stdin != null) {
      stdin.flush();
    }
  }

  @Override
  public void reopen() {
    restartRequested = true;
  }

  @Override
  public void close() throws IOException {
    try {
      end(timeout.toMillis());
    } catch (InterruptedException e) {
      if (process != null) {
        process.destroy();
      }
      Thread.currentThread().interrupt();
    }
  }

  private void runOnce(byte[] line) throws IOException, InterruptedException {
    Process p = builder().start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(line);
    } catch (IOException e) {
      // the program did not read its input; its exit status decides below
    }
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IOException("program did not exit within " + timeout.toMillis() + " ms");
    }
  }

  private ProcessBuilder builder() {
    return new ProcessBuilder(List.of("/bin/sh", "-c", program))
        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
  }

  private void start() throws IOException {
    process = builder().start();
    stdin = new BufferedOutputStream(process.getOutputStream(), 64 * 1024);
    unread.clear();
  }

  /**
   * Ends the kept program: closes its input so it can finish what it read, waits up to {@code
   * waitMillis} for it to exit, then terminates it. Unless it was alive and exited by itself
   * (so it read to the end of its input), the lines it may not have read are counted.
   */
  private void end(long waitMillis) throws InterruptedException {
    if (process == null) {
      return;
    }
    boolean diedBefore = !process.isAlive();
    try {
      stdin.close();
    } catch (IOException ignored) {
      // broken pipe: the program is gone already, or closed its input
    }
    boolean exited = diedBefore || process.waitFor(waitMillis, TimeUnit.MILLISECONDS);
    if (!exited) {
      process.destroy();
    }
    if (diedBefore) {
      countUnread("exited with status " + process.exitValue());
    } else if (!exited) {
      countUnread(waitMillis == 0 ? "stopped reading its input" : "did not exit within "
          + waitMillis + " ms of the end of its input and was terminated");
    }
    process = null;
    stdin = null;
    unread.clear();
  }

  private void countUnread(String what) {
    int n = unread.lines();
    if (n == 0) {
      return;
    }
    retries.possiblyLost(n);
    possiblyLost += n;
    lossLog.report("output program: the program " + what + "; up to " + n + " alert"
        + (n == 1 ? "" : "s") + " written to it may not have been read (" + possiblyLost
        + " possibly lost so far)");
  }

  /**
   * The lines written to the current program that a pipe of {@code capacity} bytes could still
   * hold: those followed by fewer than {@code capacity} bytes.
   */
  static final class Unread {
    private final long capacity;
    private final ArrayDeque<Long> ends = new ArrayDeque<>();
    private long total;

    Unread(long capacity) {
      this.capacity = capacity;
    }

    void written(int bytes) {
      total += bytes;
      ends.addLast(total);
      while (total - ends.peekFirst() >= capacity) {
        ends.removeFirst();
      }
    }

    int lines() {
      return ends.size();
    }

    void clear() {
      ends.clear();
      total = 0;
    }
  }
}
