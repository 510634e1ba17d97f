package dev.peregrine.auditpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.AuditEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rebuilding policy attributes from recorded events, and evaluating a policy on them. */
class RequestAttributesTest {
  static AuditEvent event(String json) throws Exception {
    return new AuditEvent((ObjectNode) new ObjectMapper().readTree(json), 0, "test", 1);
  }

  @Test
  void fromEvent_resourceRequest_usesObjectRefAndAuthenticatedUser() throws Exception {
    RequestAttributes a = RequestAttributes.fromEvent(event("""
        {"verb":"get","requestURI":"/api/v1/namespaces/default/pods/web/log?follow=true",
         "user":{"username":"alice","groups":["dev","system:authenticated"]},
         "impersonatedUser":{"username":"bob"},
         "objectRef":{"resource":"pods","namespace":"default","name":"web","apiVersion":"v1",
                      "subresource":"log"}}"""));
    assertThat(a).isEqualTo(new RequestAttributes("alice", List.of("dev", "system:authenticated"),
        "get", true, "default", "", "v1", "pods", "log", "web",
        "/api/v1/namespaces/default/pods/web/log"));
  }

  @Test
  void fromEvent_create_dropsNameFilledFromBody() throws Exception {
    RequestAttributes a = RequestAttributes.fromEvent(event("""
        {"verb":"create","requestURI":"/apis/apps/v1/namespaces/shop/deployments",
         "user":{"username":"alice"},
         "objectRef":{"resource":"deployments","namespace":"shop","name":"web",
                      "apiGroup":"apps","apiVersion":"v1"}}"""));
    assertThat(a.name()).isEmpty();
    assertThat(a.apiGroup()).isEqualTo("apps");
    assertThat(a.namespace()).isEqualTo("shop");
  }

  @Test
  void fromEvent_failedAuthentication_hasNoUser() throws Exception {
    RequestAttributes a = RequestAttributes.fromEvent(event("""
        {"verb":"list","requestURI":"/api/v1/secrets","user":{},"stage":"ResponseStarted",
         "objectRef":{"resource":"secrets","apiVersion":"v1"}}"""));
    assertThat(a.user()).isNull();
    assertThat(a.groups()).isEmpty();
    assertThat(a.namespace()).isEmpty();
  }

  @Test
  void fromEvent_nonResource_pathWithoutQuery() throws Exception {
    RequestAttributes a = RequestAttributes.fromEvent(event("""
        {"verb":"get","requestURI":"/apis/apps/v1?timeout=32s",
         "user":{"username":"alice","groups":["system:authenticated"]}}"""));
    assertThat(a.resourceRequest()).isFalse();
    assertThat(a.path()).isEqualTo("/apis/apps/v1");
  }

  @Test
  void checker_onArticlePolicy_decidesLikeTheApiserver() throws Exception {
    String text = java.nio.file.Files.readString(
        Upstream.repoRoot().resolve("examples/policy/article-policy.yaml"));
    PolicyLoader.Verdict v = new PolicyLoader().load(
        new dev.peregrine.diag.SourceFile("article-policy.yaml", text));
    assertThat(v.accepted()).isTrue();
    PolicyChecker checker = new PolicyChecker(v.policy());
    AuditDecision discovery = checker.evaluate(RequestAttributes.fromEvent(event("""
        {"verb":"get","requestURI":"/apis/apps/v1",
         "user":{"username":"alice","groups":["system:authenticated"]}}""")));
    assertThat(discovery.level()).isEqualTo(Level.NONE);
    assertThat(discovery.ruleIndex()).isEqualTo(3);
    AuditDecision pod = checker.evaluate(RequestAttributes.resource("alice", List.of(), "create",
        "default", "", "v1", "pods", "", ""));
    assertThat(pod).isEqualTo(new AuditDecision(Level.REQUEST_RESPONSE,
        java.util.Set.of(Stage.REQUEST_RECEIVED), false, 0));
    AuditDecision cm = checker.evaluate(RequestAttributes.resource("alice", List.of(), "update",
        "kube-system", "", "v1", "configmaps", "", "x"));
    assertThat(cm.level()).isEqualTo(Level.REQUEST);
  }
}
