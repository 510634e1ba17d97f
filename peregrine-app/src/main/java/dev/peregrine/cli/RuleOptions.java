package dev.peregrine.cli;

import dev.peregrine.diag.Issue;
import dev.peregrine.diag.Position;
import dev.peregrine.diag.SourceFile;
import dev.peregrine.engine.Engine;
import dev.peregrine.engine.EngineOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** Rule selection and output options shared by the commands that run rules. */
final class RuleOptions {
  @Option(names = {"-r", "--rules"}, paramLabel = "RULES",
      description = "Rules file or directory (repeatable, loaded in order). Default: the built-in"
          + " ruleset.")
  List<Path> rules = new ArrayList<>();

  @Option(names = "--json", description = "Print alerts as JSON (same as -o json_output=true).")
  boolean json;

  @Option(names = "-o", paramLabel = "KEY=VALUE",
      description = "Override a config key as in Falco, with a dotted path: json_output=true,"
          + " http_output.url=http://localhost:2801/, file_output.enabled=true, ... (see"
          + " docs/outputs.md).")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = {"-D", "--disable-rule"}, paramLabel = "SUBSTRING",
      description = "Disable rules whose name contains SUBSTRING (repeatable).")
  List<String> disabledRules = new ArrayList<>();

  @Option(names = "-T", paramLabel = "TAG", description = "Disable rules with this tag (repeatable).")
  List<String> disabledTags = new ArrayList<>();

  @Option(names = "-t", paramLabel = "TAG",
      description = "Only run rules with this tag (repeatable).")
  List<String> enabledTags = new ArrayList<>();

  @Option(names = "--priority", paramLabel = "MIN",
      description = "Minimum rule priority to load: emergency ... debug (default debug).")
  String priority;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Config file with falco.yaml keys (rules_files, json_*, priority, outputs,"
          + " ...). Command-line options override it.")
  Path config;

  @Option(names = "--dedup-window", paramLabel = "DURATION",
      description = "Collapse identical alerts (same rule and output fields) within DURATION,"
          + " such as 30s or 5m, into the first one plus one alert with a count. Default: off.")
  String dedupWindow;

  /**
   * The effective config: defaults, the {@code -c} file, {@code -o} overrides, then flags.
   * Warnings about the file are printed to {@code err}. Throws ConfigException for errors in the
   * file and IllegalArgumentException for bad command-line values.
   */
  Config config(PrintWriter err) throws ConfigException {
    return configFile(err).toConfig();
  }

  /**
   * The config file read, with {@code -o} overrides and flags applied but not yet checked as a
   * whole ({@link ConfigFile#toConfig}); for commands that report their own errors at the place a
   * key was set. Throws as {@link #config}.
   */
  ConfigFile configFile(PrintWriter err) throws ConfigException {
    ConfigFile f = new ConfigFile();
    if (config != null) {
      String text;
      try {
        text = Files.readString(config, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ConfigException(List.of(Issue.error("CONFIG_READ",
            new SourceFile(config.toString(), ""), Position.UNKNOWN,
            "cannot read config file: " + e.getMessage())));
      }
      f.read(config.toString(), text);
      for (Issue i : f.issues()) {
        if (!i.isError()) {
          err.println(i.render());
        }
      }
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      f.override(e.getKey(), e.getValue());
    }
    if (json) {
      f.override("json_output", "true");
    }
    if (priority != null) {
      f.override("priority", priority);
    }
    if (dedupWindow != null) {
      f.override("dedup.window", dedupWindow);
    }
    return f;
  }

  /** Rules to load: {@code -r} if given, else the config's {@code rules_files}. */
  List<Path> rulePaths(Config c) {
    return rules.isEmpty() ? c.rulesFiles().stream().map(Path::of).toList() : rules;
  }

  /** Loads and compiles the configured rules, printing every diagnostic to {@code err}. */
  Engine.Build buildEngine(Config c, PrintWriter err) throws IOException {
    return RuleSets.build(RuleSets.read(rulePaths(c)), Environment.registry(), engineOptions(c),
        err);
  }

  EngineOptions engineOptions(Config c) {
    return EngineOptions.defaults()
        .withMatchAll(c.matchAll())
        .withMinPriority(c.priority())
        .withTimeIso8601(c.timeIso8601())
        .withSelection(disabledRules, Set.copyOf(disabledTags), Set.copyOf(enabledTags));
  }
}
