package dev.peregrine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Falco's own Kubernetes audit rulesets load without errors. */
class RealRulesetsTest {
  private static final String K8S_TESTS = "upstream/falco-k8s-audit-tests";
  private static final String OLD_RULES =
      "plugins-k8saudit-0.6.0/plugins/k8saudit/rules/k8s_audit_rules.yaml";

  /**
   * Lists that Falco's syscall ruleset ({@code falco_rules.yaml}, loaded first by the upstream
   * tests) defines and the test override files append to.
   */
  private static final RulesInput SYSCALL_LISTS = new RulesInput("falco_rules_stub.yaml", """
      - list: falco_privileged_images
        items: []
      - list: falco_sensitive_mount_images
        items: []
      - list: falco_hostnetwork_images
        items: []
      """);

  private static LoadResult load(Path... files) {
    return new RulesLoader().load(Stream.of(files).map(Loads::input).toList());
  }

  private static LoadResult loadWithStub(Path... files) {
    List<RulesInput> in = new java.util.ArrayList<>();
    in.add(SYSCALL_LISTS);
    Stream.of(files).map(Loads::input).forEach(in::add);
    return new RulesLoader().load(in);
  }

  @Test
  void currentRulesetLoads() {
    Path f = Loads.shared("upstream/falco").resolve("k8s_audit_rules.yaml");
    LoadResult r = load(f);
    assertThat(r.issues()).isEmpty();
    assertThat(r.rules()).hasSize(48);
    assertThat(r.rules()).allSatisfy(d -> {
      assertThat(d.condition()).as(d.name()).isNotNull();
      assertThat(d.source()).isEqualTo("k8s_audit");
    });
    assertThat(r.requiredPlugins()).isNotEmpty();
    assertThat(RulesetStats.of(List.of(Loads.input(f))))
        .isEqualTo(new RulesetStats(48, 45, 18));
  }

  @Test
  void olderRulesetLoads() {
    LoadResult r = load(Loads.shared(K8S_TESTS).resolve(OLD_RULES));
    assertThat(r.issues()).isEmpty();
    assertThat(r.rules()).hasSize(43);
    assertThat(r.rules()).allSatisfy(d -> assertThat(d.condition()).isNotNull());
  }

  static Stream<Path> overrideFiles() throws IOException {
    Path dir = Loads.shared(K8S_TESTS).resolve("test/rules/k8s_audit");
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("overrideFiles")
  void testOverridesLoadOnTopOfRulesets(Path extra) {
    Path base = Loads.shared(K8S_TESTS).resolve(OLD_RULES);
    if (extra.getFileName().toString().startsWith("engine_v4")) {
      assertThat(Loads.errors(load(extra))).isEmpty();
      return;
    }
    LoadResult r = loadWithStub(base, extra);
    assertThat(Loads.errors(r)).as(extra.toString()).isEmpty();
    Path current = Loads.shared("upstream/falco").resolve("k8s_audit_rules.yaml");
    LoadResult cur = loadWithStub(current, extra);
    assertThat(Loads.errors(cur)).as(extra.toString()).isEmpty();
  }

  static Stream<Path> engineV4Files() throws IOException {
    Path dir = Loads.shared(K8S_TESTS).resolve("test/rules/k8s_audit/engine_v4");
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("engineV4Files")
  void engineV4OverridesLoadOnTopOfTheEngineV4Ruleset(Path extra) {
    Path base = Loads.shared(K8S_TESTS)
        .resolve("test/rules/k8s_audit/engine_v4_k8s_audit_rules.yaml");
    assertThat(Loads.errors(loadWithStub(base, extra))).as(extra.toString()).isEmpty();
  }
}
