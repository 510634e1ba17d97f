package dev.peregrine.output;

import dev.peregrine.engine.Alert;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code program_output}: runs {@code sh -c PROGRAM} and writes alert lines to its stdin; the
 * program's stdout and stderr are those of Peregrine. Without keep_alive one process runs per
 * alert (stdin closed after the line, then waited for). With keep_alive one process gets every
 * line; when it has died it is started again and the line is written to the new process, so at
 * most lines already in the dead program's pipe are lost.
 */
public final class ProgramOutput implements Channel {
  private final String program;
  private final boolean keepAlive;
  private final AlertFormatter formatter;
  private final Duration timeout;
  private final SinkRetries retries;
  private Process process;
  private OutputStream stdin;
  private volatile boolean restartRequested;

  /**
   * @param program shell command line
   * @param keepAlive keep one process for all alerts
   * @param timeout how long a per-alert process may run before it is killed and the alert counted
   *     as failed; also how long close waits for a kept process to exit
   * @param retries where restarts are counted (may be {@link SinkRetries#NONE})
   */
  public ProgramOutput(String program, boolean keepAlive, AlertFormatter formatter,
      Duration timeout, SinkRetries retries) {
    this.program = program;
    this.keepAlive = keepAlive;
    this.formatter = formatter;
    this.timeout = timeout;
    this.retries = retries;
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
      stop();
    }
    if (process != null && !process.isAlive()) {
      retries.retried();
      stop();
    }
    if (process == null) {
      start();
    }
    try {
      stdin.write(line);
      stdin.flush();
    } catch (IOException e) {
      retries.retried();
      stop();
      start();
      stdin.write(line);
      stdin.flush();
    }
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
    if (process == null) {
      return;
    }
    try {
      stdin.close();
    } catch (IOException ignored) {
      // the program may already be gone
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroy();
      }
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
    }
    process = null;
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
  }

  /**
   * Ends the running program gracefully: closes its input so it can finish what it read, waits up
   * to {@link #STOP_WAIT} (or the output timeout if shorter), then terminates it.
   */
  private void stop() throws InterruptedException {
    if (process != null) {
      try {
        stdin.close();
      } catch (IOException ignored) {
        // broken pipe: the program is gone already
      }
      long waitMillis = Math.min(timeout.toMillis(), STOP_WAIT.toMillis());
      if (!process.waitFor(waitMillis, TimeUnit.MILLISECONDS)) {
        process.destroy();
      }
      process = null;
      stdin = null;
    }
  }

  /** How long a program gets to exit on its own after its input is closed, before SIGTERM. */
  static final Duration STOP_WAIT = Duration.ofSeconds(2);
}
