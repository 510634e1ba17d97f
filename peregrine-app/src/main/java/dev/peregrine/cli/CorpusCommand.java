package dev.peregrine.cli;

import dev.peregrine.bench.Corpus;
import dev.peregrine.bench.Mix;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peregrine corpus}: writes a deterministic synthetic audit log for benchmarks. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
    description = {"Write a seeded, realistic synthetic audit log (see docs/performance.md for"
        + " the traffic mix). The same options always give the same bytes."})
final class CorpusCommand implements Callable<Integer> {
  @Option(names = "--count", paramLabel = "N", description = "Events (default ${DEFAULT-VALUE}).")
  int count = 100_000;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--mix", paramLabel = "CLASS=W,...",
      description = "Weights of traffic classes (system-read, lease, controller-write, kubectl,"
          + " workload, secrets, exec, rbac, denied, attack); unnamed classes keep the default.")
  String mix = "";

  @Option(names = "--format", paramLabel = "jsonl|eventlist",
      description = "JSON lines (log backend) or EventList batches (webhook); default jsonl.")
  String format = "jsonl";

  @Option(names = "--batch", paramLabel = "N",
      description = "Events per EventList (default ${DEFAULT-VALUE}).")
  int batch = 100;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output file (default stdout).")
  Path output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Corpus.Format fmt;
    Mix weights;
    try {
      fmt = Corpus.Format.valueOf(format.toUpperCase(Locale.ROOT));
      weights = Mix.parse(mix);
      if (count < 0 || batch < 1) {
        throw new IllegalArgumentException("--count must be >= 0 and --batch >= 1");
      }
    } catch (IllegalArgumentException e) {
      err.println("peregrine: " + e.getMessage());
      err.flush();
      return Main.EXIT_USAGE;
    }
    Corpus corpus = Corpus.generate(new Corpus.Spec(count, seed, weights),
        fmt == Corpus.Format.JSONL);
    try (OutputStream out = open()) {
      if (fmt == Corpus.Format.JSONL) {
        corpus.writeJsonl(out);
      } else {
        corpus.writeEventLists(out, batch);
      }
    }
    Corpus.Sizes s = corpus.sizes();
    err.printf(Locale.ROOT, "peregrine: %d events, %d bytes (median %d, p95 %d, max %d)%n",
        s.count(), s.total(), s.median(), s.p95(), s.max());
    err.flush();
    return 0;
  }

  private OutputStream open() throws IOException {
    if (output == null) {
      return new BufferedOutputStream(new NonClosing(System.out), 1 << 16);
    }
    return new BufferedOutputStream(Files.newOutputStream(output), 1 << 16);
  }

  /** Leaves stdout open when the buffered stream is closed. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
