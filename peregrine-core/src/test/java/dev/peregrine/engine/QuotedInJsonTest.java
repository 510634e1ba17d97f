package dev.peregrine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code jevt.value[p] contains '"token"'} searched on the JSON tree gives the alerts that
 * searching the rendered text gives.
 */
class QuotedInJsonTest {
  private static final String RULE = EngineDriver.ruleWith(
      "jevt.value[/requestObject/spec/containers] contains '\"hostPort\"'");

  /** Events (single quotes for double quotes) and whether the rule matches them. */
  private static final List<Object[]> CASES = List.of(
      new Object[] {"{'requestObject':{'spec':{'containers':[{'ports':[{'hostPort':80}]}]}}}", true},
      new Object[] {"{'requestObject':{'spec':{'containers':[{'ports':[{'containerPort':80}]}]}}}",
          false},
      new Object[] {"{'requestObject':{'spec':{'containers':[{'name':'hostPort'}]}}}", true},
      new Object[] {"{'requestObject':{'spec':{'containers':[{'name':'a\\'hostPort'}]}}}", true},
      new Object[] {"{'requestObject':{'spec':{'containers':[{'name':'hostPorts'}]}}}", false},
      new Object[] {"{'requestObject':{'spec':{'containers':'\\'hostPort\\''}}}", true},
      new Object[] {"{'requestObject':{'spec':{'containers':'hostPort'}}}", false},
      new Object[] {"{'requestObject':{'spec':{}}}", false});

  @Test
  void sameAlertsAsSearchingTheText() {
    EngineDriver tree = EngineDriver.of(EngineOptions.defaults(), RULE);
    EngineDriver text = EngineDriver.of(EngineOptions.defaults().withCompiledMatchers(false), RULE);
    for (Object[] c : CASES) {
      String json = ((String) c[0]).replace('\'', '"');
      List<Alert> expected = text.process(json);
      assertThat(expected).as(json).hasSize((Boolean) c[1] ? 1 : 0);
      assertThat(tree.process(json)).as(json).isEqualTo(expected);
    }
  }
}
