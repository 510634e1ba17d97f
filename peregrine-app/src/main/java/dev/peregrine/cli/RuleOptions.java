package dev.peregrine.cli;

import dev.peregrine.engine.EngineOptions;
import dev.peregrine.rules.Priority;
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
      description = "Override a setting as in falco.yaml: json_output, json_include_output_property,"
          + " json_include_output_fields_property, json_include_tags_property,"
          + " json_include_message_property, priority, rule_matching, time_format_iso_8601.")
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

  /** The settings after applying -o overrides and the shortcut flags. */
  Settings settings() {
    Settings s = Settings.defaults();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      s = s.with(e.getKey(), e.getValue());
    }
    if (json) {
      s = s.with("json_output", "true");
    }
    if (priority != null) {
      s = s.with("priority", priority);
    }
    return s;
  }

  EngineOptions engineOptions(Settings s) {
    return EngineOptions.defaults()
        .withMatchAll(s.matchAll())
        .withMinPriority(s.minPriority())
        .withTimeIso8601(s.timeIso8601())
        .withSelection(disabledRules, Set.copyOf(disabledTags), Set.copyOf(enabledTags));
  }

  /** The effective settings; unknown keys and bad values throw IllegalArgumentException. */
  record Settings(boolean json, boolean includeOutput, boolean includeOutputFields,
      boolean includeTags, boolean includeMessage, Priority minPriority, boolean matchAll,
      boolean timeIso8601) {
    static Settings defaults() {
      return new Settings(false, true, true, true, false, Priority.DEBUG, false, false);
    }

    Settings with(String key, String value) {
      return switch (key) {
        case "json_output" -> new Settings(bool(key, value), includeOutput, includeOutputFields,
            includeTags, includeMessage, minPriority, matchAll, timeIso8601);
        case "json_include_output_property" -> new Settings(json, bool(key, value),
            includeOutputFields, includeTags, includeMessage, minPriority, matchAll, timeIso8601);
        case "json_include_output_fields_property" -> new Settings(json, includeOutput,
            bool(key, value), includeTags, includeMessage, minPriority, matchAll, timeIso8601);
        case "json_include_tags_property" -> new Settings(json, includeOutput, includeOutputFields,
            bool(key, value), includeMessage, minPriority, matchAll, timeIso8601);
        case "json_include_message_property" -> new Settings(json, includeOutput,
            includeOutputFields, includeTags, bool(key, value), minPriority, matchAll, timeIso8601);
        case "priority" -> new Settings(json, includeOutput, includeOutputFields, includeTags,
            includeMessage, Priority.parse(value).orElseThrow(() -> new IllegalArgumentException(
                "priority: '" + value + "' is not one of emergency, alert, critical, error,"
                    + " warning, notice, informational (info), debug")),
            matchAll, timeIso8601);
        case "rule_matching" -> new Settings(json, includeOutput, includeOutputFields, includeTags,
            includeMessage, minPriority, matching(value), timeIso8601);
        case "time_format_iso_8601" -> new Settings(json, includeOutput, includeOutputFields,
            includeTags, includeMessage, minPriority, matchAll, bool(key, value));
        default -> throw new IllegalArgumentException("-o: unknown setting '" + key + "'");
      };
    }

    private static boolean matching(String v) {
      return switch (v) {
        case "first" -> false;
        case "all" -> true;
        default -> throw new IllegalArgumentException(
            "rule_matching: '" + v + "' is not 'first' or 'all'");
      };
    }

    private static boolean bool(String key, String v) {
      return switch (v.toLowerCase(java.util.Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException(key + ": '" + v + "' is not true or false");
      };
    }
  }
}
