package dev.peregrine.rules;

import dev.peregrine.TestRepo;
import dev.peregrine.diag.Issue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Test helpers: load inline YAML, find rules and issues, locate upstream data. */
final class Loads {
  private Loads() {}

  /** Loads one file named {@code test.yaml}. */
  static LoadResult load(String yaml) {
    return new RulesLoader().load(List.of(new RulesInput("test.yaml", yaml)));
  }

  /** Loads several files {@code f1.yaml, f2.yaml, ...} in order. */
  static LoadResult loadAll(String... yamls) {
    List<RulesInput> in = new ArrayList<>();
    for (int i = 0; i < yamls.length; i++) {
      in.add(new RulesInput("f" + (i + 1) + ".yaml", yamls[i]));
    }
    return new RulesLoader().load(in);
  }

  static RuleDef rule(LoadResult r, String name) {
    return r.rules().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
  }

  static Map<String, RuleDef> rules(LoadResult r) {
    return r.rules().stream().collect(Collectors.toMap(RuleDef::name, x -> x));
  }

  static List<String> errors(LoadResult r) {
    return r.issues().stream().filter(Issue::isError).map(Loads::brief).toList();
  }

  static List<String> warnings(LoadResult r) {
    return r.issues().stream().filter(i -> !i.isError()).map(Loads::brief).toList();
  }

  /** {@code CODE: message}. */
  static String brief(Issue i) {
    return i.code() + ": " + i.message();
  }

  /** The repository root (holding {@code peregrine-core}). */
  static Path repoRoot() {
    return TestRepo.repoRoot();
  }

  /** A folder under {@code ../shared} next to the repository; skips the test if absent. */
  static Path shared(String rel) {
    return TestRepo.shared(rel);
  }

  static RulesInput input(Path p) {
    try {
      return new RulesInput(p.getFileName().toString(), Files.readString(p));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
