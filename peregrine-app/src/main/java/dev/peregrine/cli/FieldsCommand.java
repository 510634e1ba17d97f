package dev.peregrine.cli;

import dev.peregrine.field.FieldDef;
import dev.peregrine.field.FieldRegistry;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peregrine fields}: the field catalogue. */
@Command(name = "fields", mixinStandardHelpOptions = true,
    description = "List every field that conditions and outputs can use.")
final class FieldsCommand implements Callable<Integer> {
  @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only fields starting with it.")
  String prefix = "";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    FieldRegistry registry = Environment.registry();
    for (FieldDef f : registry.all()) {
      if (!f.name().startsWith(prefix)) {
        continue;
      }
      String arg = switch (f.arg()) {
        case NONE -> "";
        case INDEX -> "[n]";
        case KEY -> "[key]";
      };
      String type = f.type().name().toLowerCase(Locale.ROOT) + (f.list() ? " list" : "");
      out.printf(Locale.ROOT, "%-48s %-12s %s%n", f.name() + arg, type, f.description());
    }
    out.flush();
    return 0;
  }
}
