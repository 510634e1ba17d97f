package dev.peregrine.cli;

import dev.peregrine.diag.Issue;
import dev.peregrine.engine.Engine;
import dev.peregrine.engine.EngineOptions;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.rules.RulesInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code peregrine rules}: validate rules files, print the built-in ruleset, run rule tests. */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = "Work with rules files.",
    subcommands = {RulesCommand.Validate.class, RulesCommand.Show.class,
        RuleTestCommand.class})
final class RulesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code rules validate FILE...}: every diagnostic, exit 1 on error. */
  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Load rules files in order and print every error and warning with"
          + " file:line:col. Exit status 1 when there is an error.")
  static final class Validate implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Rules files, loaded in order.")
    List<Path> files = new ArrayList<>();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      List<RulesInput> inputs = RuleSets.read(files);
      FieldRegistry registry = Environment.registry();
      Engine.Build build = RuleSets.build(inputs, registry, EngineOptions.defaults(), out);
      long errors = build.issues().stream().filter(Issue::isError).count();
      long warnings = build.issues().size() - errors;
      for (RulesInput in : inputs) {
        out.println(in.name() + ": " + (errors > 0 ? "Invalid" : warnings > 0 ? "Ok, with warnings"
            : "Ok"));
      }
      out.printf(Locale.ROOT, "%d error(s), %d warning(s)%n", errors, warnings);
      build.engine().ifPresent(e -> out.printf(Locale.ROOT, "%d k8s_audit rule(s) loaded%n",
          e.loadedRules().size()));
      out.flush();
      return errors > 0 ? 1 : 0;
    }
  }

  /** {@code rules show}: the built-in ruleset's YAML. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Print the built-in ruleset (used when no -r is given).")
  static final class Show implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print(RuleSets.builtin().content());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
