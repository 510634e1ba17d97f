package dev.peregrine.cli;

import dev.peregrine.TestRepo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.event.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Falco's k8s-audit regression cases, run the way Falco's harness runs them: the rules files in
 * order (minus the syscall ruleset), the trace file as input, JSON alerts on, every priority.
 * Checks exact per-rule counts, zero alerts for negative cases, stderr patterns and exit status 0.
 * Two suites: the legacy YAML cases (with the k8saudit 0.6.0 ruleset they were written for) and
 * falcosecurity/testing's expectations against the current ruleset. Known divergences are listed
 * in {@code conformance/expected-failures.txt}; such a case must fail, so a fix is noticed.
 */
class UpstreamConformanceTest {

  /** One case: what to run and what to expect. Counts are exact; null means unchecked. */
  record Case(String suite, String name, List<Path> rules, Path trace,
      Map<String, Integer> ruleCounts, Boolean anyAlert, Map<String, Boolean> byPriority,
      String stderrPattern) {
    @Override
    public String toString() {
      return suite + "/" + name;
    }
  }

  static Stream<Arguments> legacyCases() throws IOException {
    Path base = TestRepo.upstream("falco-k8s-audit-tests");
    Path test = base.resolve("test");
    Path ruleset = base.resolve("plugins-k8saudit-0.6.0/plugins/k8saudit/rules/k8s_audit_rules.yaml");
    MappingNode mux = (MappingNode) value(compose(test.resolve("falco_k8s_audit_tests.yaml")),
        "trace_files");
    List<Arguments> out = new ArrayList<>();
    for (NodeTuple t : mux.getValue()) {
      String name = scalar(t.getKeyNode());
      MappingNode c = (MappingNode) t.getValueNode();
      List<Path> rules = new ArrayList<>();
      for (Node r : ((SequenceNode) value(c, "rules_file")).getValue()) {
        String f = scalar(r);
        if (f.endsWith("/falco_rules.yaml")) {
          rules.add(syscallListsStandIn());
          continue;
        }
        rules.add(f.contains("k8saudit-rules/k8s_audit_rules.yaml") ? ruleset
            : test.resolve(f).normalize());
      }
      String opts = scalar(value(c, "addl_cmdline_opts"));
      Path trace = test.resolve(opts.substring(opts.indexOf("open_params=") + 12).trim());
      boolean detect = Boolean.parseBoolean(scalar(value(c, "detect")));
      Map<String, Integer> counts = new LinkedHashMap<>();
      if (value(c, "detect_counts") instanceof SequenceNode seq) {
        for (Node n : seq.getValue()) {
          NodeTuple kv = ((MappingNode) n).getValue().get(0);
          counts.put(scalar(kv.getKeyNode()), Integer.parseInt(scalar(kv.getValueNode())));
        }
      }
      Map<String, Boolean> levels = new HashMap<>();
      Node level = value(c, "detect_level");
      if (detect && level != null) {
        List<Node> ls = level instanceof SequenceNode s ? s.getValue() : List.of(level);
        for (Node l : ls) {
          levels.put(scalar(l).toUpperCase(Locale.ROOT), true);
        }
      }
      Node stderr = value(c, "stderr_contains");
      out.add(Arguments.of(new Case("legacy", name, rules, trace, counts, detect, levels,
          stderr == null ? null : scalar(stderr))));
    }
    return out.stream();
  }

  static Stream<Arguments> currentRulesetCases() throws IOException {
    Path base = TestRepo.upstream("testing-k8saudit");
    Path traces = TestRepo.upstream("falco-k8s-audit-tests").resolve("test/trace_files/k8s_audit");
    Path current = TestRepo.upstream("falco").resolve("k8s_audit_rules.yaml");
    JsonNode doc = Json.mapper().readTree(base.resolve("expectations.json").toFile());
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : doc.get("cases")) {
      List<Path> rules = new ArrayList<>();
      for (JsonNode r : c.get("rules")) {
        rules.add(testingRulesFile(r.asText(), base.resolve("rules"), current));
      }
      Map<String, Integer> counts = new LinkedHashMap<>();
      c.get("rule_counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
      JsonNode total = c.get("total_assertion");
      Boolean any = total == null || total.isNull() ? null : total.asText().equals("NotZero");
      Map<String, Boolean> levels = new HashMap<>();
      for (JsonNode p : c.get("priority_assertions")) {
        String[] kv = p.asText().split(":", 2);
        levels.put(kv[1].toUpperCase(Locale.ROOT), kv[0].equals("NotZero"));
      }
      String stderr = null;
      for (JsonNode re : c.get("regexp")) {
        if (re.get("stream").asText().equals("Stderr")) {
          stderr = re.get("pattern").asText();
        }
      }
      out.add(Arguments.of(new Case("current", c.get("legacy_case").asText(), rules,
          traces.resolve(c.get("trace_file").asText()), counts, any, levels, stderr)));
    }
    return out.stream();
  }

  /** Our stand-in for the lists the syscall ruleset contributed (see the file's comment). */
  private static Path syscallListsStandIn() {
    try {
      return Path.of(UpstreamConformanceTest.class.getResource(
          "/conformance/syscall-ruleset-lists.yaml").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Maps falcosecurity/testing's rules-variable names to files. */
  private static Path testingRulesFile(String var, Path dir, Path current) {
    if (var.equals("K8SAuditRules")) {
      return current;
    }
    String name = var.substring("K8SAudit".length());
    String prefix = "";
    if (name.startsWith("EngineV4") && !name.equals("EngineV4K8SAuditRules")) {
      prefix = "engine_v4/";
      name = name.substring("EngineV4".length());
    }
    String snake = name.replace("K8SAudit", "K8sAudit").replace("V4", "V4_")
        .replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace("__", "_").toLowerCase(Locale.ROOT);
    snake = snake.replace("some_user", "some-user");
    Path p = dir.resolve(prefix + snake + ".yaml");
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("no rules file for " + var + " (looked for " + p + ")");
    }
    return p;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"legacyCases", "currentRulesetCases"})
  void upstreamCase(Case c) throws IOException {
    String reason = ExpectedFailures.reason(c.toString());
    if (reason == null) {
      check(c);
      return;
    }
    try {
      check(c);
    } catch (AssertionError expected) {
      return;
    }
    fail(c + " is listed as an expected failure (" + reason + ") but now passes: remove it from"
        + " conformance/expected-failures.txt");
  }

  private static void check(Case c) {
    List<String> args = new ArrayList<>(List.of("replay"));
    for (Path r : c.rules()) {
      args.add("-r");
      args.add(r.toString());
    }
    args.addAll(List.of("--json", "-o", "priority=debug", c.trace().toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    assertThat(status).as("exit status; stderr:\n%s", err).isZero();
    Map<String, Integer> byRule = new HashMap<>();
    Map<String, Integer> byPriority = new HashMap<>();
    int total = 0;
    for (String line : out.toString().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode a = parse(line);
      total++;
      byRule.merge(a.get("rule").asText(), 1, Integer::sum);
      byPriority.merge(a.get("priority").asText().toUpperCase(Locale.ROOT), 1, Integer::sum);
    }
    String ctx = "alerts by rule " + byRule + "\nstderr:\n" + err;
    c.ruleCounts().forEach((rule, n) ->
        assertThat(byRule.getOrDefault(rule, 0)).as("count of '%s'; %s", rule, ctx).isEqualTo(n));
    if (c.anyAlert() != null) {
      assertThat(total > 0).as("any alert; %s", ctx).isEqualTo(c.anyAlert());
    }
    c.byPriority().forEach((p, nonZero) -> {
      String label = p.equals("INFO") ? "INFORMATIONAL" : p;
      assertThat(byPriority.getOrDefault(label, 0) > 0).as("alerts of priority %s; %s", p, ctx)
          .isEqualTo(nonZero);
    });
    if (c.stderrPattern() != null) {
      assertThat(Pattern.compile(c.stderrPattern(), Pattern.DOTALL).matcher(err.toString()).find())
          .as("stderr matches /%s/; stderr:\n%s", c.stderrPattern(), err).isTrue();
    }
  }

  private static JsonNode parse(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (IOException e) {
      throw new AssertionError("alert line is not JSON: " + line, e);
    }
  }

  private static Node compose(Path file) throws IOException {
    LoadSettings settings = LoadSettings.builder().build();
    try (InputStream in = Files.newInputStream(file)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Composer composer = new Composer(settings, new ParserImpl(settings,
          new StreamReader(settings, text)));
      return composer.getSingleNode().orElseThrow();
    }
  }

  private static Node value(Node map, String key) {
    for (NodeTuple t : ((MappingNode) map).getValue()) {
      if (scalar(t.getKeyNode()).equals(key)) {
        return t.getValueNode();
      }
    }
    return null;
  }

  private static String scalar(Node n) {
    return ((ScalarNode) n).getValue();
  }
}
