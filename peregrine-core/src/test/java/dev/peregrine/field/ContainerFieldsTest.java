package dev.peregrine.field;

import static dev.peregrine.field.Fx.ka;
import static dev.peregrine.field.Fx.list;
import static dev.peregrine.field.Fx.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.event.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerFieldsTest {
  private static AuditEvent spec(String spec) {
    return ka("'requestObject':{'spec':" + spec + "}");
  }

  private static AuditEvent pod(String list, String containers) {
    return spec("{'" + list + "':" + containers + "}");
  }

  private static final String TWO = """
      [{'name':'web','image':'registry:5000/app:1','command':['sh','-c','echo hi'],
        'args':['--x'],'ports':[{'containerPort':80},{'containerPort':443,'hostPort':8443}],
        'securityContext':{'privileged':true,'allowPrivilegeEscalation':false,
          'readOnlyRootFilesystem':true,'runAsUser':1000,'runAsGroup':3000,
          'procMount':'Unmasked','capabilities':{'add':['NET_ADMIN','SYS_TIME']}}},
       {'name':'side','image':'nginx@sha256:abc','securityContext':{}}]""";

  @ParameterizedTest
  @ValueSource(strings = {"containers", "initContainers", "ephemeralContainers"})
  void perContainerValues(String l) {
    AuditEvent e = pod(l, TWO);
    String p = "ka.req.pod." + l + ".";
    assertThat(list(p + "name", e)).containsExactly("web", "side");
    assertThat(list(p + "image", e)).containsExactly("registry:5000/app:1", "nginx@sha256:abc");
    assertThat(list(p + "image", "1", e)).containsExactly("nginx@sha256:abc");
    assertThat(list(p + "image.repository", e)).containsExactly("registry", "nginx");
    assertThat(list(p + "command", e)).containsExactly("sh -c echo hi");
    assertThat(list(p + "command", "1", e)).isNull();
    assertThat(list(p + "args", e)).containsExactly("--x");
    assertThat(list(p + "privileged", e)).containsExactly("true");
    assertThat(list(p + "privileged", "1", e)).isNull();
    assertThat(list(p + "allow_privilege_escalation", e)).containsExactly("false");
    assertThat(list(p + "read_only_fs", e)).containsExactly("true");
    assertThat(list(p + "run_as_user", e)).containsExactly("1000");
    assertThat(list(p + "run_as_group", e)).containsExactly("3000");
    assertThat(list(p + "proc_mount", e)).containsExactly("Unmasked");
    assertThat(list(p + "add_capabilities", e)).containsExactly("[\"NET_ADMIN\",\"SYS_TIME\"]");
    assertThat(list(p + "name", "2", e)).isNull();
    if (!l.equals("ephemeralContainers")) {
      assertThat(list(p + "host_port", e)).containsExactly("80", "8443");
      assertThat(list(p + "host_port", "1", e)).isNull();
    } else {
      assertThat(Fx.REG.find(p + "host_port")).isEmpty();
    }
  }

  @Test
  void listsDoNotLeakIntoEachOther() {
    AuditEvent e = spec("{'initContainers':[{'name':'i','image':'busybox'}],"
        + "'containers':[{'name':'c','image':'nginx'}]}");
    assertThat(list("ka.req.pod.containers.image", e)).containsExactly("nginx");
    assertThat(list("ka.req.pod.initContainers.image", e)).containsExactly("busybox");
    assertThat(list("ka.req.pod.ephemeralContainers.image", e)).isNull();
  }

  @Test
  void nameAndImageAreStrict() {
    AuditEvent e = pod("containers", "[{'name':'a','image':'x'},{'image':'y'},{'name':'c'}]");
    assertThat(list("ka.req.pod.containers.name", e)).isNull();
    assertThat(list("ka.req.pod.containers.image", e)).isNull();
    assertThat(list("ka.req.pod.containers.image.repository", e)).isNull();
    assertThat(list("ka.req.pod.containers.name", "0", e)).containsExactly("a");
    assertThat(list("ka.req.pod.containers.image", "0", e)).containsExactly("x");
    assertThat(list("ka.req.pod.containers.image", pod("containers", "[]"))).isNull();
    assertThat(list("ka.req.pod.containers.image", spec("{}"))).isNull();
    assertThat(list("ka.req.pod.containers.image", pod("containers", "[{'image':5}]")))
        .containsExactly("5");
  }

  @Test
  void commandAndArgsWrongTypesAreAbsent() {
    assertThat(list("ka.req.pod.containers.command",
        pod("containers", "[{'command':['a',1]}]"))).isNull();
    assertThat(list("ka.req.pod.containers.command",
        pod("containers", "[{'command':'sh'}]"))).isNull();
    assertThat(list("ka.req.pod.containers.args",
        pod("containers", "[{'args':['a']},{'args':['b','c']}]"))).containsExactly("a", "b c");
    assertThat(list("ka.req.pod.containers.args", pod("containers", "[{}]"))).isNull();
  }

  @Test
  void securityContextFlagsSkipUnsetAndEmptyIsAbsent() {
    AuditEvent e = pod("containers", "[{'securityContext':{'privileged':false}},{},"
        + "{'securityContext':{'privileged':true}}]");
    assertThat(list("ka.req.pod.containers.privileged", e)).containsExactly("false", "true");
    assertThat(list("ka.req.pod.containers.privileged", pod("containers", "[{},{}]"))).isNull();
    assertThat(list("ka.req.pod.containers.add_capabilities",
        pod("containers", "[{'securityContext':{'capabilities':{'add':['A']}}},"
            + "{'securityContext':{'capabilities':{'add':['B','C']}}}]")))
        .containsExactly("[\"A\"]", "[\"B\",\"C\"]");
  }

  @Test
  void hostPortFallsBackToContainerPort() {
    assertThat(list("ka.req.pod.containers.host_port", pod("containers",
        "[{'ports':[{'containerPort':8080}]},{},{'ports':[{'hostPort':1,'containerPort':2},"
            + "{'name':'x'}]}]"))).containsExactly("8080", "1");
    assertThat(list("ka.req.pod.containers.host_port",
        pod("containers", "[{'ports':{'containerPort':1}}]"))).isNull();
    assertThat(list("ka.req.pod.containers.host_port", pod("containers", "[{}]"))).isNull();
  }

  @Test
  void effectiveIdsUseSecurityContextWithPodFallback() {
    AuditEvent e = spec("""
        {'securityContext':{'runAsUser':1000,'runAsGroup':50},
         'runAsUser':7,
         'containers':[{'securityContext':{'runAsUser':0}},{'runAsUser':9},
           {'securityContext':{'runAsGroup':60}}]}""");
    assertThat(list("ka.req.pod.containers.eff_run_as_user", e))
        .containsExactly("0", "1000", "1000");
    assertThat(list("ka.req.pod.containers.eff_run_as_group", e))
        .containsExactly("50", "50", "60");
    assertThat(list("ka.req.pod.containers.eff_run_as_user", "2", e)).containsExactly("1000");
    AuditEvent noPod = spec("{'containers':[{},{'securityContext':{'runAsUser':5}}]}");
    assertThat(list("ka.req.pod.containers.eff_run_as_user", noPod)).containsExactly("0", "5");
    assertThat(list("ka.req.pod.initContainers.eff_run_as_user", noPod)).isNull();
    assertThat(list("ka.req.pod.initContainers.eff_run_as_user",
        spec("{'securityContext':{'runAsUser':3},'initContainers':[{}]}")))
        .containsExactly("3");
  }

  @Test
  void deprecatedFirstContainerScalars() {
    AuditEvent e = pod("containers", TWO);
    assertThat(str("ka.req.container.image", e)).isEqualTo("registry:5000/app:1");
    assertThat(str("ka.req.container.image.repository", e)).isEqualTo("registry");
    assertThat(str("ka.req.container.privileged", e)).isEqualTo("true");
    AuditEvent second = pod("containers",
        "[{'image':'a'},{'image':'b','securityContext':{'privileged':true}}]");
    assertThat(str("ka.req.container.privileged", second)).isEqualTo("true");
    assertThat(str("ka.req.container.privileged",
        pod("containers", "[{'securityContext':{'privileged':'true'}}]"))).isEqualTo("false");
    assertThat(str("ka.req.container.privileged", pod("containers", "[]"))).isEqualTo("false");
    assertThat(str("ka.req.container.privileged", spec("{}"))).isNull();
    assertThat(str("ka.req.container.image", pod("containers", "[]"))).isNull();
    assertThat(str("ka.req.container.image", pod("containers", "[{'name':'x'},{'image':'y'}]")))
        .isNull();
    assertThat(str("ka.req.container.image", pod("initContainers", "[{'image':'y'}]"))).isNull();
  }

  @Test
  void indexAppliesToEveryArrayBeforeTheLastKey() {
    // 'spec' itself is an array here: the index picks spec[1], then containers[1]
    AuditEvent e = ka("'requestObject':{'spec':[{'containers':[{'image':'a'}]},"
        + "{'containers':[{'image':'b'},{'image':'c'}]}]}");
    assertThat(list("ka.req.pod.containers.image", "1", e)).containsExactly("c");
    assertThat(list("ka.req.pod.containers.image", e)).containsExactly("a", "b", "c");
  }
}
