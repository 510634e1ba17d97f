package dev.peregrine.auditpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.diag.SourceFile;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.Json;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the enforcer writes for each level, stage and managedFields setting (spec §c). */
class PolicyEnforcerTest {
  static final String MF = "\"managedFields\":[{\"manager\":\"kubectl\"}]";

  static AuditEvent event(String json) throws IOException {
    return new AuditEvent((ObjectNode) Json.mapper().readTree(json), 1L, "test", 7);
  }

  /** A pod create recorded at RequestResponse with bodies carrying managedFields. */
  static AuditEvent podCreate(String verb, String stage) throws IOException {
    return event("{\"level\":\"RequestResponse\",\"auditID\":\"a1\",\"stage\":\"" + stage + "\","
        + "\"verb\":\"" + verb + "\",\"requestURI\":\"/api/v1/namespaces/shop/pods\","
        + "\"user\":{\"username\":\"alice\",\"groups\":[\"system:authenticated\"]},"
        + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"shop\",\"name\":\"web\","
        + "\"apiVersion\":\"v1\"},\"annotations\":{\"authorization.k8s.io/decision\":\"allow\","
        + "\"patch.webhook.admission.k8s.io/round_0_index_0\":\"{}\"},"
        + "\"requestObject\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\"," + MF + "}},"
        + "\"responseObject\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\"," + MF + "}}}");
  }

  static PolicyEnforcer enforcer(String rules) {
    PolicyLoader.Verdict v = new PolicyLoader().load(new SourceFile("p.yaml",
        "apiVersion: audit.k8s.io/v1\nkind: Policy\n" + rules));
    assertThat(v.accepted()).as(v.issues().toString()).isTrue();
    return new PolicyEnforcer(v.policy());
  }

  static ObjectNode kept(PolicyEnforcer e, AuditEvent ev) {
    Optional<AuditEvent> out = e.enforce(ev);
    assertThat(out).isPresent();
    return out.get().json();
  }

  @Test
  void levelNone_dropsTheEvent() throws IOException {
    PolicyEnforcer e = enforcer("rules:\n- level: None\n");
    PolicyEnforcer.Outcome o = e.apply(podCreate("create", "ResponseComplete"));
    assertThat(o).isInstanceOf(PolicyEnforcer.Dropped.class);
    assertThat(((PolicyEnforcer.Dropped) o).stageOmitted()).isFalse();
  }

  @Test
  void noMatchingRule_dropsTheEvent() throws IOException {
    PolicyEnforcer e = enforcer("rules:\n- level: Metadata\n  users: [bob]\n");
    assertThat(e.enforce(podCreate("create", "ResponseComplete"))).isEmpty();
  }

  @Test
  void metadata_stripsBothBodiesAndPatchAnnotations() throws IOException {
    ObjectNode j = kept(enforcer("rules:\n- level: Metadata\n"),
        podCreate("create", "ResponseComplete"));
    assertThat(j.has("requestObject")).isFalse();
    assertThat(j.has("responseObject")).isFalse();
    assertThat(j.get("level").asText()).isEqualTo("Metadata");
    assertThat(j.get("annotations").has("authorization.k8s.io/decision")).isTrue();
    assertThat(j.get("annotations").has("patch.webhook.admission.k8s.io/round_0_index_0"))
        .isFalse();
    assertThat(j.get("objectRef").get("name").asText()).isEqualTo("web");
  }

  @Test
  void request_keepsRequestObjectOnly() throws IOException {
    ObjectNode j = kept(enforcer("rules:\n- level: Request\n"),
        podCreate("create", "ResponseComplete"));
    assertThat(j.has("requestObject")).isTrue();
    assertThat(j.has("responseObject")).isFalse();
    assertThat(j.get("level").asText()).isEqualTo("Request");
    assertThat(j.get("annotations").has("patch.webhook.admission.k8s.io/round_0_index_0"))
        .isTrue();
    assertThat(j.at("/requestObject/metadata/managedFields").isArray()).isTrue();
  }

  @Test
  void requestResponse_keepsTheEventUnchangedAndUncopied() throws IOException {
    AuditEvent in = podCreate("create", "ResponseComplete");
    Optional<AuditEvent> out = enforcer("rules:\n- level: RequestResponse\n").enforce(in);
    assertThat(out).containsSame(in);
  }

  @Test
  void inputEventIsNeverChanged() throws IOException {
    AuditEvent in = podCreate("create", "ResponseComplete");
    String before = in.json().toString();
    enforcer("omitManagedFields: true\nrules:\n- level: Metadata\n").enforce(in);
    enforcer("omitManagedFields: true\nrules:\n- level: Request\n").enforce(in);
    assertThat(in.json().toString()).isEqualTo(before);
  }

  @Test
  void omitStages_policyAndRuleStagesDropTheirEvents() throws IOException {
    PolicyEnforcer e = enforcer("omitStages: [RequestReceived]\nrules:\n"
        + "- level: Metadata\n  omitStages: [ResponseStarted]\n");
    PolicyEnforcer.Outcome rr = e.apply(podCreate("create", "RequestReceived"));
    assertThat(rr).isInstanceOf(PolicyEnforcer.Dropped.class);
    assertThat(((PolicyEnforcer.Dropped) rr).stageOmitted()).isTrue();
    assertThat(e.enforce(podCreate("create", "ResponseStarted"))).isEmpty();
    assertThat(e.enforce(podCreate("create", "ResponseComplete"))).isPresent();
    assertThat(e.enforce(podCreate("create", "Panic"))).isPresent();
  }

  @Test
  void omitManagedFields_stripsRequestAndResponseObjects() throws IOException {
    ObjectNode j = kept(enforcer("omitManagedFields: true\nrules:\n- level: RequestResponse\n"),
        podCreate("create", "ResponseComplete"));
    assertThat(j.at("/requestObject/metadata").has("managedFields")).isFalse();
    assertThat(j.at("/responseObject/metadata").has("managedFields")).isFalse();
    assertThat(j.at("/responseObject/metadata/name").asText()).isEqualTo("web");
  }

  @Test
  void omitManagedFields_ruleSettingOverridesPolicy() throws IOException {
    ObjectNode j = kept(enforcer("omitManagedFields: true\nrules:\n"
        + "- level: RequestResponse\n  omitManagedFields: false\n"),
        podCreate("create", "ResponseComplete"));
    assertThat(j.at("/requestObject/metadata").has("managedFields")).isTrue();
  }

  @Test
  void omitManagedFields_leavesPatchDocumentsAlone() throws IOException {
    ObjectNode j = kept(enforcer("rules:\n- level: RequestResponse\n"
        + "  omitManagedFields: true\n"), podCreate("patch", "ResponseComplete"));
    assertThat(j.at("/requestObject/metadata").has("managedFields")).isTrue();
    assertThat(j.at("/responseObject/metadata").has("managedFields")).isFalse();
  }

  @Test
  void omitManagedFields_coversListItemsAndTableRows() throws IOException {
    AuditEvent list = event("{\"level\":\"RequestResponse\",\"stage\":\"ResponseComplete\","
        + "\"verb\":\"list\",\"user\":{\"username\":\"alice\"},\"objectRef\":{\"resource\":"
        + "\"pods\"},\"responseObject\":{\"kind\":\"Table\",\"rows\":[{\"object\":{\"metadata\":"
        + "{\"name\":\"a\"," + MF + "}}}],\"items\":[{\"metadata\":{\"name\":\"b\"," + MF
        + "}}]}}");
    ObjectNode j = kept(enforcer("omitManagedFields: true\nrules:\n- level: RequestResponse\n"),
        list);
    assertThat(j.at("/responseObject/rows/0/object/metadata").has("managedFields")).isFalse();
    assertThat(j.at("/responseObject/items/0/metadata").has("managedFields")).isFalse();
    assertThat(j.at("/responseObject/items/0/metadata/name").asText()).isEqualTo("b");
  }

  @Test
  void omitManagedFields_hasNoEffectAtMetadata() throws IOException {
    ObjectNode j = kept(enforcer("omitManagedFields: true\nrules:\n- level: Metadata\n"),
        podCreate("create", "ResponseComplete"));
    assertThat(j.has("requestObject")).isFalse();
  }

  @Test
  void higherPolicyLevelThanRecorded_keepsRecordedLevelAndSaysSo() throws IOException {
    AuditEvent in = event("{\"level\":\"Metadata\",\"stage\":\"ResponseComplete\",\"verb\":"
        + "\"get\",\"user\":{\"username\":\"alice\"},\"objectRef\":{\"resource\":\"pods\"}}");
    PolicyEnforcer.Outcome o = enforcer("rules:\n- level: RequestResponse\n").apply(in);
    assertThat(o).isInstanceOfSatisfying(PolicyEnforcer.Kept.class, k -> {
      assertThat(k.level()).isEqualTo(Level.METADATA);
      assertThat(k.underRecorded()).isTrue();
      assertThat(k.event()).isSameAs(in);
    });
  }

  @Test
  void keptEvent_keepsOriginLineAndTime() throws IOException {
    AuditEvent out = enforcer("rules:\n- level: Metadata\n")
        .enforce(podCreate("create", "ResponseComplete")).orElseThrow();
    assertThat(List.of(out.origin(), out.line(), out.timeNanos()))
        .containsExactly("test", 7L, 1L);
  }

  @Test
  void failedAuthentication_matchesOnlyRulesWithoutUsers() throws IOException {
    AuditEvent in = event("{\"level\":\"Metadata\",\"stage\":\"ResponseStarted\",\"verb\":"
        + "\"get\",\"user\":{},\"requestURI\":\"/api/v1/secrets\",\"objectRef\":{\"resource\":"
        + "\"secrets\"},\"responseStatus\":{\"code\":401}}");
    PolicyEnforcer e = enforcer("rules:\n- level: None\n  userGroups: [system:authenticated]\n"
        + "- level: Metadata\n");
    assertThat(e.apply(in).decision().ruleIndex()).isEqualTo(1);
    assertThat(e.enforce(in)).isPresent();
  }

  @Test
  void eventBytes_isCompactJsonPlusNewline() throws IOException {
    AuditEvent in = event("{ \"a\" : 1,\n \"b\": \"é\" }");
    assertThat(EventBytes.of(in.json())).isEqualTo("{\"a\":1,\"b\":\"é\"}\n"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }
}
