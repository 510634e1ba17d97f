package dev.peregrine.output;

import dev.peregrine.engine.Alert;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * {@code stdout_output}: one alert per line on a character stream (the process's stdout). Each
 * line is one {@code write} call, so lines that other threads write to the same stream (echoed
 * HTTP responses) never land inside an alert line.
 */
public final class StdoutOutput implements Channel {
  private final Writer out;
  private final AlertFormatter formatter;

  /** Writes to {@code out}, which the channel does not close. */
  public StdoutOutput(Writer out, AlertFormatter formatter) {
    this.out = out;
    this.formatter = formatter;
  }

  @Override
  public String name() {
    return "stdout";
  }

  @Override
  public void write(Alert alert) throws IOException {
    out.write(formatter.format(alert) + "\n");
  }

  @Override
  public void flush() throws IOException {
    out.flush();
    if (out instanceof PrintWriter pw && pw.checkError()) {
      throw new IOException("stdout: write error");
    }
  }
}
