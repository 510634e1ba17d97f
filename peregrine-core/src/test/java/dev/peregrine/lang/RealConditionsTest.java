package dev.peregrine.lang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Conditions in the style of the upstream Kubernetes audit rules (lists already substituted). */
class RealConditionsTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "(jevt.rawtime exists)",
      "(not ka.user.name startswith \"system:\")",
      "(jevt.value[/stage] in (ResponseComplete))",
      "kevt and non_system_user and not ka.user.name in (admin, kubectl)",
      "ka.target.resource=pods and not ka.target.subresource exists",
      "ka.uri=/healthz or ka.uri startswith /healthz?",
      "(ka.response.code startswith 2)",
      "kevt and pod and kcreate and ka.req.pod.containers.privileged intersects (true)"
          + " and not ka.req.pod.containers.image.repository in (registry.k8s.io/kube-proxy)",
      "kevt and (kcreate or kmodify) and ka.req.pod.volumes.hostpath intersects (/proc, /var/run"
          + "/docker.sock, /)",
      "ka.target.name startswith 'system:' and not ka.user.name in (\"system:kube-scheduler\")",
      "kevt_started and pod_subresource and (kcreate or kget) and ka.target.subresource in"
          + " (exec,attach) and ka.uri.param[command] != \"\"",
      "jevt.value[/annotations/authorization.k8s.io~1decision] = allow and ka.auth.openshift"
          + " exists",
  })
  void parse_realWorldConditions(String condition) {
    ParseResult r = Parser.parse(condition);
    assertThat(r).isInstanceOf(ParseResult.Ok.class);
    String printed = ExprPrinter.print(((ParseResult.Ok) r).expr());
    assertThat(Trees.okNoPos(printed)).isEqualTo(Trees.okNoPos(condition));
  }
}
