package dev.peregrine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code contains} checks with plain tokens on a JSON value ({@code ka.req.configmap.obj}, {@code
 * jevt.value}), alone or fused in a disjunction, searched on the JSON tree give the alerts that
 * searching the rendered text gives.
 */
class TokensInJsonTest {
  private static final List<String> CONDITIONS = List.of(
      "ka.req.configmap.obj contains \"password\" or ka.req.configmap.obj contains \"aws_key\"",
      "ka.req.configmap.obj contains \"password\"",
      "ka.req.configmap.obj contains \"nb\" or ka.req.configmap.obj contains \"u0001\"",
      "ka.req.configmap.obj contains \"password\" or ka.req.configmap.obj = \"x\"",
      "jevt.value[/requestObject/data] contains \"true\"",
      "jevt.value[/requestObject/data] contains \"E+5\" or jevt.value[/requestObject] contains \"E\"");

  /** Events (single quotes for double quotes). */
  private static final List<String> EVENTS = List.of(
      "{'auditID':'1','requestObject':{'data':{'password':'x'}}}",
      "{'auditID':'1','requestObject':{'data':{'k':'my-password-1'}}}",
      "{'auditID':'1','requestObject':{'data':{'k':['aws_key']}}}",
      "{'auditID':'1','requestObject':{'data':{'k':'a\\nb','l':'\\u0001'}}}",
      "{'auditID':'1','requestObject':{'data':{'k':true,'n':1E+5}}}",
      "{'auditID':'1','requestObject':{'data':{'k':'pass word'}}}",
      "{'auditID':'1','requestObject':{'data':'password'}}",
      "{'auditID':'1','requestObject':{'data':'x'}}",
      "{'auditID':'1','requestObject':{'data':{}}}",
      "{'requestObject':{'data':{'password':'x'}}}",
      "{'auditID':'1'}");

  @Test
  void sameAlertsAsSearchingTheText() {
    int alerts = 0;
    for (String condition : CONDITIONS) {
      String rule = EngineDriver.ruleWith(condition);
      EngineDriver tree = EngineDriver.of(EngineOptions.defaults(), rule);
      EngineDriver text = EngineDriver.of(
          EngineOptions.defaults().withCompiledMatchers(false), rule);
      for (String event : EVENTS) {
        String json = event.replace('\'', '"');
        List<Alert> expected = text.process(json);
        alerts += expected.size();
        assertThat(tree.process(json)).as("%s on %s", condition, json).isEqualTo(expected);
      }
    }
    assertThat(alerts).isGreaterThan(10);
  }
}
