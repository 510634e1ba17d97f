package dev.peregrine.cli;

import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.EventDecoder;
import dev.peregrine.event.Input;
import dev.peregrine.event.InputException;
import dev.peregrine.event.InputFiles;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The recorded logs a policy command replays: expanded once, read as often as needed (standard
 * input is copied to a temporary file first), with decode errors reported and an optional
 * progress line.
 */
final class PolicyInputs {
  private final List<Input> inputs;
  private final PrintWriter err;
  private final boolean progress;

  /** What one pass read. */
  record Pass(long events, long decodeErrors, long bytes) {}

  private PolicyInputs(List<Input> inputs, PrintWriter err, boolean progress) {
    this.inputs = inputs;
    this.err = err;
    this.progress = progress;
  }

  /**
   * Expands the arguments (FILE|DIR|-).
   *
   * @throws InputException for an argument that cannot be read
   * @throws IOException when standard input cannot be copied
   */
  static PolicyInputs open(List<String> args, PrintWriter err, boolean progress)
      throws InputException, IOException {
    List<Input> out = new ArrayList<>();
    for (Input in : InputFiles.expand(args)) {
      if (in.isStdin()) {
        Path tmp = Files.createTempFile("peregrine-stdin", ".jsonl");
        tmp.toFile().deleteOnExit();
        try (InputStream s = in.open()) {
          Files.copy(s, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        out.add(new Input(Input.STDIN, tmp));
      } else {
        out.add(in);
      }
    }
    return new PolicyInputs(out, err, progress);
  }

  List<String> names() {
    return inputs.stream().map(Input::name).toList();
  }

  /** Reads every input once, in order; {@code report} says whether to print decode errors. */
  Pass replay(String label, boolean report, Consumer<AuditEvent> events) {
    long total = 0;
    for (Input in : inputs) {
      total += size(in);
    }
    Progress bar = progress ? new Progress(err, label, total, System::nanoTime) : null;
    long[] counts = new long[3];
    for (Input in : inputs) {
      try (Counting s = new Counting(in.open(), counts)) {
        new EventDecoder().decode(s, in.name(), e -> {
          counts[0]++;
          events.accept(e);
          if (bar != null) {
            bar.update(counts[2], counts[0]);
          }
        }, error -> {
          counts[1]++;
          if (report) {
            err.println(error.render());
          }
        });
      } catch (IOException e) {
        counts[1]++;
        if (report) {
          err.println("peregrine: " + in.name() + ": " + e.getMessage());
        }
      }
    }
    if (bar != null) {
      bar.done();
    }
    err.flush();
    return new Pass(counts[0], counts[1], counts[2]);
  }

  private static long size(Input in) {
    try {
      return Files.size(in.path());
    } catch (IOException e) {
      return 0;
    }
  }

  /** Counts the bytes read into {@code counts[2]}. */
  private static final class Counting extends FilterInputStream {
    private final long[] counts;

    Counting(InputStream in, long[] counts) {
      super(in);
      this.counts = counts;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      counts[2] += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      counts[2] += Math.max(n, 0);
      return n;
    }
  }
}
