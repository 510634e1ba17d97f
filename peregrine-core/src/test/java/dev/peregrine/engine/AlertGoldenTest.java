package dev.peregrine.engine;

import dev.peregrine.output.AlertFormatter;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alert text and JSON for fixed rules and events, compared with golden files. */
class AlertGoldenTest {
  static final String RULES = """
      - rule: Configmap With Credentials
        desc: d
        condition: ka.target.resource = configmaps and ka.req.configmap.obj contains aws_secret
        output: >
          K8s configmap with private credential (user=%ka.user.name verb=%ka.verb
          configmap=%ka.req.configmap.name groups=%ka.user.groups reason=%ka.auth.reason
          cmd=%ka.uri.param[command] ns=%jevt.value[/objectRef/namespace] lower=%tolower(ka.verb)
          padded=[%6ka.verb])
        priority: WARNING
        source: k8s_audit
        tags: [k8s, credentials, T1552, k8s]
      - rule: No Tags Info
        desc: d
        condition: ka.verb = delete
        output: deleted %ka.target.resource/%ka.target.name by %ka.user.name
        priority: INFO
        source: k8s_audit
      """;

  static final String CONFIGMAP = """
      {"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"a1","stage":"ResponseComplete",
       "verb":"create","requestURI":"/api/v1/namespaces/default/configmaps?command=ls",
       "user":{"username":"minikube-user","groups":["system:masters","system:authenticated"]},
       "objectRef":{"resource":"configmaps","namespace":"default","name":"my-config"},
       "requestObject":{"data":{"k":"aws_secret_access_key = X\\n"}},
       "stageTimestamp":"2023-11-14T22:13:20.123456Z"}
      """;

  static final String DELETE = """
      {"kind":"Event","auditID":"a2","stage":"ResponseComplete","verb":"delete",
       "user":{"username":"ünïcode \\"quoted\\"\\t\\u001f/"},
       "objectRef":{"resource":"secrets","namespace":"default","name":"s1"},
       "stageTimestamp":"2023-11-14T22:13:20.123456Z"}
      """;

  @Test
  void alerts_matchGoldenTextAndJson() throws IOException {
    EngineDriver d = EngineDriver.of(RULES);
    AlertFormatter text = new AlertFormatter(null, "test-falco-hostname");
    AlertFormatter json = new AlertFormatter(AlertFormatter.JsonOptions.defaults(),
        "test-falco-hostname");
    AlertFormatter all = new AlertFormatter(new AlertFormatter.JsonOptions(true, true, true, true),
        "test-falco-hostname");
    StringBuilder sb = new StringBuilder();
    for (String ev : List.of(CONFIGMAP, DELETE)) {
      for (Alert a : d.process(ev)) {
        sb.append(text.format(a)).append('\n');
        sb.append(json.format(a)).append('\n');
        sb.append(all.format(a)).append('\n');
      }
    }
    Golden.check("alerts/basic.txt", sb.toString());
  }

  @Test
  void isoTime_changesPrefixAndTimeKey() throws IOException {
    EngineDriver d = EngineDriver.of(EngineOptions.defaults().withTimeIso8601(true), RULES);
    AlertFormatter json = new AlertFormatter(AlertFormatter.JsonOptions.defaults(), "h");
    StringBuilder sb = new StringBuilder();
    for (Alert a : d.process(DELETE)) {
      sb.append(json.format(a)).append('\n');
    }
    Golden.check("alerts/iso8601.txt", sb.toString());
  }
}
