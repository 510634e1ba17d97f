package dev.peregrine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code icontains anyof} folded once gives the alerts of one case-insensitive test per value. */
class ContainsAnyIgnoreCaseTest {
  private static final String RULE =
      EngineDriver.ruleWith("ka.useragent icontains anyof (CURL, python-Requests, 'é', KUBE-)");

  @Test
  void sameAlertsAsOneTestPerValue() {
    EngineDriver folded = EngineDriver.of(EngineOptions.defaults(), RULE);
    EngineDriver each = EngineDriver.of(EngineOptions.defaults().withCompiledMatchers(false), RULE);
    int alerts = 0;
    for (String agent : List.of("curl/8.5.0", "Python-Requests/2.31", "kubectl/v1.31", "É",
        "xé", "Kube-proxy", "cur\\u0000l", "CuRl", "")) {
      String json = "{\"auditID\":\"1\",\"userAgent\":\"" + agent + "\"}";
      List<Alert> expected = each.process(json);
      assertThat(folded.process(json)).as(agent).isEqualTo(expected);
      alerts += expected.size();
    }
    assertThat(alerts).isEqualTo(5);
  }
}
