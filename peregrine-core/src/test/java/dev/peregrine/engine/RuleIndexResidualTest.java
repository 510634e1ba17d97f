package dev.peregrine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.lang.Expr;
import dev.peregrine.lang.ExprPrinter;
import dev.peregrine.lang.ParseResult;
import dev.peregrine.lang.Parser;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.EventDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Candidates of the rule index are evaluated without the checks the index made, except when an
 * indexed value holds U+0000, where a candidate need not satisfy its facts.
 */
class RuleIndexResidualTest {
  private static final String RULES = """
      - rule: Get by bob
        desc: the verb check is the index's, the user check is not (startswith)
        condition: >
          ka.verb = get and ka.target.resource in (pods, secrets)
          and ka.user.name startswith bob
        output: get by %ka.user.name
        priority: INFO
        source: k8s_audit
      - rule: Only facts
        desc: everything is checked by the index
        condition: (ka.verb = list and ka.stage in (ResponseComplete))
        output: list
        priority: INFO
        source: k8s_audit
      - rule: Denied
        desc: a number field in the index
        condition: ka.response.code in (401, 403) and ka.verb != watch
        output: denied %ka.response.code
        priority: INFO
        source: k8s_audit
      """;

  @Test
  void residual_leavesOutTheIndexedEqualityConjuncts() {
    assertThat(residual("ka.verb = get and (ka.stage in (A, B) and ka.user.name startswith x)"))
        .isEqualTo("ka.user.name startswith x");
    assertThat(residual("ka.verb = get and (ka.verb = list or ka.user.name = x)"))
        .isEqualTo("ka.verb = list or ka.user.name = x");
    assertThat(residual("ka.verb = get and not ka.user.name = x"))
        .isEqualTo("not ka.user.name = x");
    assertThat(residual("ka.uri = /x and ka.verb[1] = get"))
        .isEqualTo("ka.uri = /x and ka.verb[1] = get");
    assertThat(RuleIndex.residual(parse("ka.verb in (get, list) and ka.stage = x"))).isNull();
  }

  @Test
  void sameAlertsWithAndWithoutTheIndex() {
    EngineDriver indexed = EngineDriver.of(EngineOptions.defaults().withMatchAll(true), RULES);
    EngineDriver plain = EngineDriver.of(
        EngineOptions.defaults().withMatchAll(true).withRuleIndex(false), RULES);
    int alerts = 0;
    for (String e : List.of(
        "{'auditID':'1','verb':'get','objectRef':{'resource':'pods'},'user':{'username':'bob'}}",
        "{'auditID':'2','verb':'get','objectRef':{'resource':'nodes'},'user':{'username':'bob'}}",
        "{'auditID':'3','verb':'get','objectRef':{'resource':'pods'},'user':{'username':'al'}}",
        // U+0000 in an indexed value: every rule is a candidate and its checks are made
        "{'auditID':'4','verb':'xyz\\u0000','objectRef':{'resource':'pods'},"
            + "'user':{'username':'bob'}}",
        "{'auditID':'5','verb':'get\\u0000x','objectRef':{'resource':'pods'},"
            + "'user':{'username':'bob'}}",
        "{'auditID':'6','verb':'list','stage':'ResponseComplete'}",
        "{'auditID':'7','verb':'list','stage':'ResponseComplete\\u0000'}",
        "{'auditID':'8','verb':'list','stage':'Response\\u0000Complete'}",
        // escaped text and numbers in indexed fields, as decoded events hold them
        "{'auditID':'9','verb':'g\\u0065t','objectRef':{'resource':'pods'},"
            + "'user':{'username':'bob'}}",
        "{'auditID':'10','verb':'get','responseStatus':{'code':403}}",
        "{'auditID':'11','verb':'get','responseStatus':{'code':4030}}",
        "{'auditID':'12','verb':'get','responseStatus':{'code':'403'}}",
        "{'auditID':'13','verb':'get','responseStatus':{'code':403.0}}")) {
      String json = e.replace('\'', '"');
      List<Alert> expected = plain.process(json);
      assertThat(indexed.process(json)).as(json).isEqualTo(expected);
      // decoded from text, strings stay bytes (which the index reads as such)
      String line = "{\"kind\":\"Event\",\"stageTimestamp\":\"2024-05-01T10:00:00Z\","
          + json.substring(1) + "\n";
      List<AuditEvent> decoded = new ArrayList<>();
      new EventDecoder().decode(line.getBytes(StandardCharsets.UTF_8), "t", decoded::add,
          err -> { throw new AssertionError(err.render()); });
      assertThat(indexed.engine().process(decoded.get(0))).as(line)
          .isEqualTo(plain.engine().process(decoded.get(0)))
          .hasSameSizeAs(expected);
      alerts += expected.size();
    }
    assertThat(alerts).isEqualTo(6);
  }

  private static Expr parse(String condition) {
    return ((ParseResult.Ok) Parser.parse(condition)).expr();
  }

  private static String residual(String condition) {
    return ExprPrinter.print(RuleIndex.residual(parse(condition)));
  }
}
