package dev.peregrine.auditpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.diag.Issue;
import dev.peregrine.diag.SourceFile;
import dev.peregrine.event.AuditEvent;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A generated policy loads, lints clean of errors, loses no alert and saves volume. */
class PolicyGeneratorTest {
  static List<AuditEvent> events;
  static PolicyGenerator.Proposal proposal;
  static PolicyLoader.Verdict loaded;

  @BeforeAll
  static void generate() throws IOException {
    events = TrafficFixture.events();
    PolicyGenerator g = new PolicyGenerator(TrafficFixture::detect);
    events.forEach(g::observe);
    proposal = g.propose();
    loaded = new PolicyLoader().load(new SourceFile("generated.yaml",
        proposal.yaml(List.of("header line", ""))));
  }

  @Test
  void yaml_roundTripsThroughTheApiserverLoader() {
    assertThat(loaded.accepted()).as(loaded.issues().toString()).isTrue();
    assertThat(loaded.issues()).isEmpty();
    assertThat(loaded.policy().rules()).isEqualTo(proposal.policy().rules());
    assertThat(loaded.policy().omitStages()).isEqualTo(proposal.policy().omitStages());
    assertThat(loaded.policy().omitManagedFields())
        .isEqualTo(proposal.policy().omitManagedFields());
  }

  @Test
  void lint_findsNoErrorAndNoShadowedOrDeadRule() {
    List<Issue> issues = new PolicyLinter().check(loaded);
    assertThat(issues).noneMatch(Issue::isError);
    assertThat(issues).extracting(Issue::code)
        .doesNotContain("POL004", "POL005", "POL008", "POL010");
  }

  @Test
  void simulation_losesNoAlertAndSavesMostBytes() {
    PolicySimulator sim = new PolicySimulator(loaded.policy(), TrafficFixture::detect);
    events.forEach(sim::accept);
    SimulationReport r = sim.report();
    assertThat(r.lostAlerts()).isZero();
    assertThat(proposal.lostAlerts()).isZero();
    assertThat(r.detections()).hasSize(3);
    assertThat(r.total().savedPercent()).isGreaterThan(80);
  }

  @Test
  void proposal_keepsBodiesOnlyWhereNeededAndDropsSystemReads() {
    Policy p = proposal.policy();
    assertThat(p.omitStages()).containsExactly("RequestReceived");
    assertThat(p.omitManagedFields()).isTrue();
    PolicyRule first = p.rules().get(0);
    assertThat(first.level()).isEqualTo("Request");
    assertThat(first.verbs()).containsExactly("create");
    assertThat(first.resources().get(0).resources()).containsExactly("pods");
    assertThat(p.rules()).anySatisfy(r -> {
      assertThat(r.level()).isEqualTo("None");
      assertThat(r.users()).contains("system:kube-proxy", "system:kube-scheduler");
      assertThat(r.verbs()).containsExactly("get", "list", "watch");
    });
    assertThat(p.rules().get(p.rules().size() - 1).catchAll()).isTrue();
    assertThat(proposal.comments()).hasSameSizeAs(p.rules());
  }

  @Test
  void detectorNeedingRequestReceived_keepsThatStage() {
    PolicyGenerator g = new PolicyGenerator(e -> e.json().path("stage").asText()
        .equals("RequestReceived") && e.json().path("verb").asText().equals("update")
        ? List.of("rr") : List.of());
    events.forEach(g::observe);
    PolicyGenerator.Proposal p = g.propose();
    assertThat(p.policy().omitStages()).isEmpty();
    assertThat(p.lostAlerts()).isZero();
  }

  @Test
  void systemComponents_excludeAnonymousAndWorkloadServiceAccounts() {
    assertThat(PolicyGenerator.isSystemComponent("system:kube-proxy")).isTrue();
    assertThat(PolicyGenerator.isSystemComponent("system:serviceaccount:kube-system:x"))
        .isTrue();
    assertThat(PolicyGenerator.isSystemComponent("system:serviceaccount:shop:default"))
        .isFalse();
    assertThat(PolicyGenerator.isSystemComponent("system:anonymous")).isFalse();
    assertThat(PolicyGenerator.isSystemComponent("alice")).isFalse();
  }

  @Test
  void policyYaml_quotesEveryString() {
    assertThat(PolicyYaml.flow(List.of("a\"b", "*", "yes"))).isEqualTo("[\"a\\\"b\", \"*\","
        + " \"yes\"]");
  }
}
