package dev.peregrine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code peregrine} command. */
@Command(
    name = "peregrine",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Falco-compatible threat detection for Kubernetes audit logs.",
    subcommands = {ReplayCommand.class, ServeCommand.class, RulesCommand.class, FieldsCommand.class,
        PolicyCommand.class, WebhookConfigCommand.class, BenchCommand.class, CorpusCommand.class,
        LoadGenCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Exit status for bad usage (unknown option, missing argument). */
  static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line on the process streams and returns the exit status. */
  static int run(String... args) {
    return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true),
        args);
  }

  /** Runs the command line with the given streams (no System.exit), for tests and embedding. */
  static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    // the mapper decides for every exception, command-line errors included
    cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? EXIT_USAGE
        : 1);
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints the version of Peregrine and of the Falco engine it is compatible with. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "peregrine " + (v == null ? "dev" : v),
        "rules engine version " + dev.peregrine.rules.RulesLoader.ENGINE_VERSION
      };
    }
  }
}
