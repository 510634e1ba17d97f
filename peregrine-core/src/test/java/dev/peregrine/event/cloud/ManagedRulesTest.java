package dev.peregrine.event.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.diag.Issue;
import dev.peregrine.engine.Alert;
import dev.peregrine.engine.Engine;
import dev.peregrine.engine.EngineOptions;
import dev.peregrine.event.Format;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.rules.RulesInput;
import dev.peregrine.rules.RulesLoader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The built-in rules fire on the attack examples of every managed format. */
class ManagedRulesTest {
  static final String CONFIGMAP = "Create/Modify Configmap With Private Credentials";
  static final String EXEC = "Attach/Exec Pod";

  static Engine engine;

  @BeforeAll
  static void buildEngine() {
    String rules = new String(Unwrapped.read(
        Unwrapped.repoRoot().resolve("rules/peregrine_k8s_audit_rules.yaml")),
        StandardCharsets.UTF_8);
    Engine.Build build = Engine.build(
        new RulesLoader().load(List.of(new RulesInput("peregrine_k8s_audit_rules.yaml", rules))),
        FieldRegistry.standard(ZoneOffset.UTC, "test-host"), EngineOptions.defaults());
    assertThat(build.engine())
        .as(() -> build.issues().stream().map(Issue::render).collect(Collectors.joining("\n")))
        .isPresent();
    engine = build.engine().get();
  }

  static List<Alert> alerts(String example) {
    return Unwrapped.example(Format.AUTO, example).events().stream()
        .flatMap(e -> engine.process(e).stream()).toList();
  }

  @ParameterizedTest
  @CsvSource({
      "eks-export.json,       arn:aws:iam::111122223333:user/mallory",
      "eks-subscription.json, arn:aws:iam::111122223333:user/mallory",
      "eks-lambda-event.json, arn:aws:iam::111122223333:user/mallory",
      "gke-export.json,       mallory@example.com",
      "aks-export.json,       mallory@contoso.com"})
  void configmapCredentialsAndExecFire(String example, String user) {
    List<Alert> alerts = alerts(example);
    Map<String, Alert> byRule = alerts.stream()
        .collect(Collectors.toMap(Alert::rule, a -> a, (a, b) -> a));
    assertThat(byRule).containsKeys(CONFIGMAP, EXEC);
    assertThat(alerts).filteredOn(a -> user.equals(a.outputFields().get("ka.user.name")))
        .extracting(Alert::rule).contains(CONFIGMAP, EXEC);
    assertThat(byRule.get(CONFIGMAP).outputFields())
        .containsEntry("ka.verb", "create")
        .containsEntry("ka.req.configmap.name", "billing-env")
        .containsEntry("ka.target.namespace", "payments");
    assertThat(byRule.get(EXEC).outputFields())
        .containsEntry("ka.target.name", "billing-api-6d9f7")
        .containsEntry("ka.target.subresource", "exec")
        .containsEntry("ka.uri.param[command]", "sh");
  }

  @ParameterizedTest
  @CsvSource({"aks-export.json", "gke-export.json", "eks-subscription.json"})
  void clusterNameFieldReadsTheEnvelope(String example) {
    String rule = """
        - rule: Prod cluster activity
          desc: test
          condition: >
            ka.cluster.name = prod-eu
            and jevt.value[/annotations/peregrine.dev~1source] exists
          output: cluster=%ka.cluster.name
          priority: INFO
          source: k8s_audit
        """;
    Engine.Build build = Engine.build(
        new RulesLoader().load(List.of(new RulesInput("r.yaml", rule))),
        FieldRegistry.standard(ZoneOffset.UTC, "test-host"), EngineOptions.defaults());
    Engine e = build.engine().orElseThrow(() -> new AssertionError(build.issues()));
    List<Alert> alerts = Unwrapped.example(Format.AUTO, example).events().stream()
        .flatMap(ev -> e.process(ev).stream()).toList();
    assertThat(alerts).isNotEmpty().allSatisfy(a ->
        assertThat(a.message()).isEqualTo("cluster=prod-eu"));
  }
}
