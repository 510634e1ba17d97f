package dev.peregrine.auditpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.diag.SourceFile;
import dev.peregrine.event.AuditEvent;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counting, sizes and detection loss of {@link PolicySimulator}. */
class PolicySimulatorTest {
  static Policy policy(String rules) {
    PolicyLoader.Verdict v = new PolicyLoader().load(new SourceFile("p.yaml",
        "apiVersion: audit.k8s.io/v1\nkind: Policy\n" + rules));
    assertThat(v.accepted()).as(v.issues().toString()).isTrue();
    return v.policy();
  }

  static SimulationReport simulate(Policy p, List<AuditEvent> events) {
    PolicySimulator sim = new PolicySimulator(p, TrafficFixture::detect);
    events.forEach(sim::accept);
    return sim.report();
  }

  @Test
  void requestResponseCatchAll_keepsEverythingAndLosesNothing() throws IOException {
    List<AuditEvent> events = TrafficFixture.events();
    SimulationReport r = simulate(policy("rules:\n- level: RequestResponse\n"), events);
    assertThat(r.total().events()).isEqualTo(events.size());
    assertThat(r.total().eventsKept()).isEqualTo(events.size());
    assertThat(r.total().bytesKept()).isEqualTo(r.total().bytesIn());
    assertThat(r.total().bytesIn()).isEqualTo(
        events.stream().mapToLong(e -> EventBytes.of(e.json())).sum());
    assertThat(r.detectionLoss()).isFalse();
    assertThat(r.detections()).extracting(SimulationReport.DetectionRow::rule)
        .containsExactly("exec", "failed auth", "privileged pod");
  }

  @Test
  void rowsCountFirstMatchAndUnmatchedRequests() throws IOException {
    SimulationReport r = simulate(policy("rules:\n- level: None\n  users: [system:kube-proxy]\n"
        + "- level: Metadata\n  resources: [{group: \"\", resources: [pods]}]\n"),
        TrafficFixture.events());
    assertThat(r.rules().get(0).matched()).isPositive();
    assertThat(r.rules().get(0).kept()).isZero();
    assertThat(r.rules().get(0).bytesKept()).isZero();
    assertThat(r.rules().get(1).line()).isEqualTo(6);
    assertThat(r.rules().get(1).selectors()).isEqualTo("resources=core/pods");
    long sum = r.rules().stream().mapToLong(SimulationReport.RuleRow::matched).sum()
        + r.unmatched().matched();
    assertThat(sum).isEqualTo(r.total().events());
    assertThat(r.unmatched().kept()).isZero();
  }

  @Test
  void metadata_losesBodyDetectionsByStripping_notMetadataOnes() throws IOException {
    SimulationReport r = simulate(policy("rules:\n- level: Metadata\n"),
        TrafficFixture.events());
    assertThat(r.total().savedPercent()).isGreaterThan(25);
    SimulationReport.DetectionRow priv = row(r, "privileged pod");
    assertThat(priv.lost()).isEqualTo(1);
    assertThat(priv.lostStripped()).isEqualTo(1);
    assertThat(priv.lostByPolicyRule()).containsEntry(0, 1L);
    assertThat(priv.examples().get(0).cause()).isEqualTo("stripped to Metadata");
    assertThat(row(r, "exec").lost()).isZero();
    assertThat(row(r, "failed auth").lost()).isZero();
  }

  @Test
  void omittedResponseStarted_losesFailedAuthAndExecByDropping() throws IOException {
    SimulationReport r = simulate(policy("omitStages: [ResponseStarted]\nrules:\n"
        + "- level: RequestResponse\n"), TrafficFixture.events());
    assertThat(row(r, "failed auth").lostDropped()).isEqualTo(2);
    assertThat(row(r, "exec").lostDropped()).isEqualTo(1);
    assertThat(row(r, "exec").examples().get(0).cause()).isEqualTo("dropped: stage omitted");
    assertThat(r.rules().get(0).stageDropped()).isPositive();
    assertThat(r.lostAlerts()).isEqualTo(3);
  }

  private static SimulationReport.DetectionRow row(SimulationReport r, String rule) {
    return r.detections().stream().filter(d -> d.rule().equals(rule)).findFirst().orElseThrow();
  }
}
