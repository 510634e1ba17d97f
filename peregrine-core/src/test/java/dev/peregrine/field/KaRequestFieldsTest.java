package dev.peregrine.field;

import static dev.peregrine.field.Fx.ka;
import static dev.peregrine.field.Fx.list;
import static dev.peregrine.field.Fx.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.event.AuditEvent;
import org.junit.jupiter.api.Test;

class KaRequestFieldsTest {
  private static AuditEvent req(String requestObject) {
    return ka("'requestObject':" + requestObject);
  }

  @Test
  void bindingSubjects() {
    AuditEvent e = req("""
        {'roleRef':{'name':'cluster-admin'},'subjects':[
          {'kind':'User','name':'bob','apiGroup':'rbac.authorization.k8s.io'},
          {'kind':'ServiceAccount','name':'sa1','namespace':'ns1'},
          {'kind':'ServiceAccount','name':'sa2'},
          {'kind':'Group','name':'devs'},
          {'kind':'User'},
          'junk']}""");
    assertThat(list("ka.req.binding.subjects", e)).containsExactly(
        "{\"kind\":\"User\",\"name\":\"bob\",\"apiGroup\":\"rbac.authorization.k8s.io\"}",
        "{\"kind\":\"ServiceAccount\",\"name\":\"sa1\",\"namespace\":\"ns1\"}",
        "{\"kind\":\"ServiceAccount\",\"name\":\"sa2\"}",
        "{\"kind\":\"Group\",\"name\":\"devs\"}", "{\"kind\":\"User\"}", "junk");
    assertThat(list("ka.req.binding.subjects.user_names", e)).containsExactly("bob");
    assertThat(list("ka.req.binding.subjects.serviceaccount_names", e))
        .containsExactly("sa1", "sa2");
    assertThat(list("ka.req.binding.subjects.serviceaccount_ns_names", e))
        .containsExactly("ns1:sa1");
    assertThat(list("ka.req.binding.subjects.group_names", e)).containsExactly("devs");
    assertThat(str("ka.req.binding.role", e)).isEqualTo("cluster-admin");
  }

  @Test
  void bindingSubjectsAbsence() {
    for (String f : new String[] {"ka.req.binding.subjects", "ka.req.binding.subjects.user_names",
        "ka.req.binding.subjects.group_names"}) {
      assertThat(list(f, req("{}"))).as(f).isNull();
      assertThat(list(f, req("{'subjects':{'kind':'User','name':'x'}}"))).as(f).isNull();
      assertThat(list(f, req("{'subjects':[]}"))).as(f).isNull();
    }
    assertThat(list("ka.req.binding.subjects.user_names",
        req("{'subjects':[{'kind':'Group','name':'g'}]}"))).isNull();
  }

  @Test
  void hasNameIsAlwaysTrue() {
    assertThat(str("ka.req.binding.subject.has_name", "cluster-admin", req("{}")))
        .isEqualTo("true");
    assertThat(str("ka.req.binding.subject.has_name", "", ka(""))).isEqualTo("true");
  }

  @Test
  void configmap() {
    AuditEvent e = ka("'objectRef':{'name':'cm-ref'},"
        + "'requestObject':{'metadata':{'name':'cm-meta'},'data':{'pw':'x','b':'password'}}");
    assertThat(str("ka.req.configmap.name", e)).isEqualTo("cm-ref");
    assertThat(str("ka.req.configmap.obj", e)).isEqualTo("{\"pw\":\"x\",\"b\":\"password\"}");
    assertThat(str("ka.req.configmap.obj", req("{}"))).isNull();
  }

  @Test
  void roleRules() {
    AuditEvent e = req("""
        {'rules':[
          {'apiGroups':[''],'resources':['pods','pods/exec'],'verbs':['get','*']},
          {'nonResourceURLs':['/healthz'],'verbs':'list'},
          {'apiGroups':['apps'],'resources':['deployments'],'verbs':['create',7]}]}""");
    assertThat(list("ka.req.role.rules", e)).hasSize(3).first()
        .isEqualTo("{\"apiGroups\":[\"\"],\"resources\":[\"pods\",\"pods/exec\"],"
            + "\"verbs\":[\"get\",\"*\"]}");
    assertThat(list("ka.req.role.rules.verbs", e)).containsExactly("get", "*", "create", "7");
    assertThat(list("ka.req.role.rules.verbs", "1", e)).isNull();
    assertThat(list("ka.req.role.rules.verbs", "2", e)).containsExactly("create", "7");
    assertThat(list("ka.req.role.rules.verbs", "3", e)).isNull();
    assertThat(list("ka.req.role.rules.apiGroups", e)).containsExactly("", "apps");
    assertThat(list("ka.req.role.rules.resources", "0", e))
        .containsExactly("pods", "pods/exec");
    assertThat(list("ka.req.role.rules.nonResourceURLs", e)).containsExactly("/healthz");
    assertThat(list("ka.req.role.rules", req("{'rules':{}}"))).isNull();
    assertThat(list("ka.req.role.rules.verbs", req("{}"))).isNull();
    assertThat(list("ka.req.role.rules.verbs", req("{'rules':[]}"))).isNull();
  }

  @Test
  void serviceFieldsKeepPortsAsOneJsonValue() {
    AuditEvent e = req("{'spec':{'type':'NodePort','ports':[{'port':80,'nodePort':30080},"
        + "{'port':443}]}}");
    assertThat(str("ka.req.service.type", e)).isEqualTo("NodePort");
    String whole = "[{\"port\":80,\"nodePort\":30080},{\"port\":443}]";
    assertThat(list("ka.req.service.ports", e)).containsExactly(whole);
    assertThat(list("ka.req.service.ports", "1", e)).containsExactly(whole);
    assertThat(list("ka.req.service.ports", req("{'spec':{}}"))).isNull();
  }

  @Test
  void podScalars() {
    AuditEvent e = req("""
        {'spec':{'hostIPC':true,'hostNetwork':false,'hostPID':true,
          'securityContext':{'runAsUser':1000,'runAsGroup':0,'fsGroup':2000,
            'supplementalGroups':[1,2]}}}""");
    assertThat(str("ka.req.pod.host_ipc", e)).isEqualTo("true");
    assertThat(str("ka.req.pod.host_network", e)).isEqualTo("false");
    assertThat(str("ka.req.container.host_network", e)).isEqualTo("false");
    assertThat(str("ka.req.pod.host_pid", e)).isEqualTo("true");
    assertThat(str("ka.req.pod.run_as_user", e)).isEqualTo("1000");
    assertThat(str("ka.req.pod.run_as_group", e)).isEqualTo("0");
    assertThat(str("ka.req.pod.fs_group", e)).isEqualTo("2000");
    assertThat(list("ka.req.pod.supplemental_groups", e)).containsExactly("1", "2");
    AuditEvent none = req("{'spec':{'securityContext':{'supplementalGroups':5}}}");
    assertThat(str("ka.req.pod.host_ipc", none)).isNull();
    assertThat(str("ka.req.pod.run_as_user", none)).isNull();
    assertThat(list("ka.req.pod.supplemental_groups", none)).isNull();
  }

  private static final AuditEvent VOLUMES = req("""
      {'spec':{'volumes':[
        {'name':'a','hostPath':{'path':'/proc/1','type':''}},
        {'name':'b','configMap':{'name':'cm'}},
        {'name':'c','hostPath':{'path':'/var/run/docker.sock'}},
        {'name':'d','flexVolume':{'driver':'example/lvm'}},
        {'name':'e','emptyDir':{},'secret':{'secretName':'s'}}]}}""");

  @Test
  void volumes() {
    assertThat(list("ka.req.pod.volumes.hostpath", VOLUMES))
        .containsExactly("/proc/1", "/var/run/docker.sock");
    assertThat(list("ka.req.pod.volumes.hostpath", "2", VOLUMES))
        .containsExactly("/var/run/docker.sock");
    assertThat(list("ka.req.pod.volumes.hostpath", "1", VOLUMES)).isNull();
    assertThat(list("ka.req.pod.volumes.hostpath", "5", VOLUMES)).isNull();
    assertThat(list("ka.req.pod.volumes.flexvolume_driver", VOLUMES))
        .containsExactly("example/lvm");
    assertThat(list("ka.req.pod.volumes.volume_type", VOLUMES))
        .containsExactly("hostPath", "configMap", "hostPath", "flexVolume", "emptyDir", "secret");
    assertThat(list("ka.req.pod.volumes.volume_type", "4", VOLUMES))
        .containsExactly("emptyDir", "secret");
    assertThat(list("ka.req.pod.volumes.volume_type", req("{'spec':{'volumes':[{'name':'x'}]}}")))
        .isNull();
    assertThat(list("ka.req.pod.volumes.hostpath", req("{'spec':{}}"))).isNull();
    assertThat(list("ka.req.pod.volumes.hostpath", req("{'spec':{'volumes':[]}}"))).isNull();
  }

  @Test
  void deprecatedVolumeHostpathMatch() {
    assertThat(str("ka.req.volume.hostpath", "/var/run/docker.sock", VOLUMES)).isEqualTo("true");
    assertThat(str("ka.req.volume.hostpath", "/proc*", VOLUMES)).isEqualTo("true");
    assertThat(str("ka.req.volume.hostpath", "/proc", VOLUMES)).isEqualTo("false");
    assertThat(str("ka.req.volume.hostpath", "/", VOLUMES)).isEqualTo("false");
    assertThat(str("ka.req.volume.hostpath", "*", VOLUMES)).isEqualTo("true");
    assertThat(str("ka.req.volume.hostpath", "/etc", req("{'spec':{}}"))).isNull();
    assertThat(str("ka.req.volume.hostpath", "/etc", req("{'spec':{'volumes':[]}}")))
        .isEqualTo("false");
    assertThat(str("ka.req.volume.hostpath", "/etc",
        req("{'spec':{'volumes':[{'name':'x','emptyDir':{}}]}}"))).isEqualTo("false");
  }
}
