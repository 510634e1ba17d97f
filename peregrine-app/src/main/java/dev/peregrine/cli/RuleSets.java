package dev.peregrine.cli;

import dev.peregrine.diag.Issue;
import dev.peregrine.engine.Engine;
import dev.peregrine.engine.EngineOptions;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.rules.LoadResult;
import dev.peregrine.rules.RulesInput;
import dev.peregrine.rules.RulesLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads rules files (or the built-in ruleset) and builds an engine, reporting diagnostics. */
final class RuleSets {
  /** Class-path location of the built-in ruleset. */
  static final String BUILTIN = "/rules/peregrine_k8s_audit_rules.yaml";

  private RuleSets() {}

  /** The inputs named by {@code paths} (directories: their .yaml/.yml files by name). */
  static List<RulesInput> read(List<Path> paths) throws IOException {
    if (paths.isEmpty()) {
      return List.of(builtin());
    }
    List<RulesInput> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          for (Path f : s.filter(RuleSets::isYaml).sorted().toList()) {
            out.add(new RulesInput(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
          }
        }
      } else {
        out.add(new RulesInput(p.toString(), Files.readString(p, StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  static RulesInput builtin() {
    try (InputStream in = RuleSets.class.getResourceAsStream(BUILTIN)) {
      if (in == null) {
        throw new IllegalStateException("built-in ruleset missing from the jar: " + BUILTIN);
      }
      return new RulesInput("builtin:" + BUILTIN.substring(1),
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isYaml(Path p) {
    String n = p.getFileName().toString();
    return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
  }

  /** Loads and compiles; prints every issue to {@code err}. */
  static Engine.Build build(List<RulesInput> inputs, FieldRegistry registry, EngineOptions options,
      PrintWriter err) {
    LoadResult load = new RulesLoader().load(inputs);
    Engine.Build build = Engine.build(load, registry, options);
    List<String> order = inputs.stream().map(RulesInput::name).toList();
    List<Issue> sorted = new ArrayList<>(build.issues());
    sorted.sort(java.util.Comparator
        .comparingInt((Issue i) -> i.file() == null ? -1 : order.indexOf(i.file().name()))
        .thenComparingInt(i -> i.position().offset()));
    for (Issue i : sorted) {
      err.println(i.render());
    }
    err.flush();
    return build;
  }
}
