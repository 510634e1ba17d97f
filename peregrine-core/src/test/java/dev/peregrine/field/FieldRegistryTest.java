package dev.peregrine.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FieldRegistryTest {
  private static final List<String> KA_SCALARS = List.of(
      "ka.auditid", "ka.stage", "ka.auth.decision", "ka.auth.reason",
      "ka.auth.openshift.decision", "ka.auth.openshift.username",
      "ka.validations.admission.policy.failure", "ka.security.pod.violations", "ka.cluster.name",
      "ka.user.name", "ka.impuser.name", "ka.verb", "ka.uri", "ka.target.name",
      "ka.target.namespace", "ka.target.resource", "ka.target.subresource", "ka.target.pod.name",
      "ka.resp.name", "ka.response.code", "ka.response.reason", "ka.useragent",
      "ka.req.binding.role", "ka.req.configmap.name", "ka.req.configmap.obj",
      "ka.req.service.type", "ka.req.pod.host_ipc", "ka.req.pod.host_network",
      "ka.req.container.host_network", "ka.req.pod.host_pid", "ka.req.pod.run_as_user",
      "ka.req.pod.run_as_group", "ka.req.pod.fs_group", "ka.req.container.image",
      "ka.req.container.image.repository", "ka.req.container.privileged");
  private static final List<String> KA_LISTS = List.of(
      "ka.user.groups", "ka.req.binding.subjects", "ka.req.binding.subjects.user_names",
      "ka.req.binding.subjects.serviceaccount_names",
      "ka.req.binding.subjects.serviceaccount_ns_names", "ka.req.binding.subjects.group_names",
      "ka.req.role.rules", "ka.req.pod.supplemental_groups");
  private static final List<String> KA_INDEXED_LISTS = List.of(
      "ka.sourceips", "ka.req.role.rules.apiGroups", "ka.req.role.rules.nonResourceURLs",
      "ka.req.role.rules.verbs", "ka.req.role.rules.resources", "ka.req.service.ports",
      "ka.req.pod.volumes.hostpath", "ka.req.pod.volumes.flexvolume_driver",
      "ka.req.pod.volumes.volume_type");
  private static final List<String> KEYED = List.of(
      "ka.uri.param", "ka.req.binding.subject.has_name", "ka.req.volume.hostpath",
      "json.value", "jevt.value");
  private static final List<String> CONTAINER_SUFFIXES = List.of(
      "name", "image", "image.repository", "command", "args", "privileged",
      "allow_privilege_escalation", "read_only_fs", "run_as_user", "run_as_group", "proc_mount",
      "add_capabilities", "host_port", "eff_run_as_user", "eff_run_as_group");
  private static final List<String> JSON_AND_EVT = List.of(
      "json.obj", "json.rawtime", "jevt.obj", "jevt.rawtime", "evt.time", "evt.time.s",
      "evt.time.iso8601", "evt.datetime", "evt.datetime.s", "evt.rawtime", "evt.rawtime.s",
      "evt.rawtime.ns", "evt.source", "evt.hostname", "evt.pluginname");

  private static List<String> containerIndexedLists() {
    List<String> out = new ArrayList<>();
    for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
      for (String f : CONTAINER_SUFFIXES) {
        if (!(list.equals("ephemeralContainers") && f.equals("host_port"))) {
          out.add("ka.req.pod." + list + "." + f);
        }
      }
    }
    return out;
  }

  private static List<String> expectedNames() {
    List<String> all = new ArrayList<>(KA_SCALARS);
    all.addAll(KA_LISTS);
    all.addAll(KA_INDEXED_LISTS);
    all.addAll(containerIndexedLists());
    all.addAll(KEYED);
    all.addAll(JSON_AND_EVT);
    return all;
  }

  @Test
  void everySpecFieldIsPresentAndNothingElse() {
    List<String> names = Fx.REG.all().stream().map(FieldDef::name).toList();
    assertThat(names).doesNotHaveDuplicates();
    assertThat(names).containsExactlyInAnyOrderElementsOf(expectedNames());
    assertThat(names).hasSize(36 + 8 + 9 + 44 + 5 + 15);
  }

  @Test
  void listnessAndArgumentKinds() {
    KA_SCALARS.forEach(n -> assertShape(n, false, ArgKind.NONE));
    KA_LISTS.forEach(n -> assertShape(n, true, ArgKind.NONE));
    KA_INDEXED_LISTS.forEach(n -> assertShape(n, true, ArgKind.INDEX));
    containerIndexedLists().forEach(n -> assertShape(n, true, ArgKind.INDEX));
    KEYED.forEach(n -> assertShape(n, false, ArgKind.KEY));
    JSON_AND_EVT.forEach(n -> assertShape(n, false, ArgKind.NONE));
  }

  private static void assertShape(String name, boolean list, ArgKind arg) {
    FieldDef d = Fx.REG.find(name).orElseThrow();
    assertThat(d.list()).as(name).isEqualTo(list);
    assertThat(d.arg()).as(name).isEqualTo(arg);
    assertThat(d.description()).as(name).isNotBlank().doesNotContain("\n");
    Extractor x = d.bind(arg == ArgKind.KEY ? "k" : null);
    assertThat(x.isList()).as(name).isEqualTo(list);
    assertThat(x.type()).as(name).isEqualTo(d.type());
  }

  @Test
  void types() {
    Map<FieldType, List<String>> byType = Fx.REG.all().stream().collect(
        Collectors.groupingBy(FieldDef::type,
            Collectors.mapping(FieldDef::name, Collectors.toList())));
    assertThat(byType.get(FieldType.ABSTIME)).containsExactly("evt.time", "evt.time.iso8601");
    assertThat(byType.get(FieldType.UINT64))
        .containsExactly("evt.rawtime", "evt.rawtime.s", "evt.rawtime.ns");
    assertThat(Fx.REG.find("jevt.rawtime").orElseThrow().type()).isEqualTo(FieldType.STRING);
  }

  @Test
  void findIsExact() {
    assertThat(Fx.REG.find("ka.user.name")).isPresent();
    assertThat(Fx.REG.find("ka.user")).isEmpty();
    assertThat(Fx.REG.find("ka.user.name[0]")).isEmpty();
    assertThat(Fx.REG.find("KA.USER.NAME")).isEmpty();
  }

  @Test
  void catalogueOrderStartsWithKaAndEndsWithEvt() {
    List<FieldDef> all = Fx.REG.all();
    assertThat(all.get(0).name()).isEqualTo("ka.auditid");
    assertThat(all.get(all.size() - 1).name()).isEqualTo("evt.pluginname");
    assertThat(Fx.REG.all()).isSameAs(all);
  }

  @Test
  void badArguments() {
    FieldDef noArg = Fx.REG.find("ka.user.name").orElseThrow();
    assertThatThrownBy(() -> noArg.bind("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not allow nor require an argument");
    FieldDef key = Fx.REG.find("ka.uri.param").orElseThrow();
    assertThatThrownBy(() -> key.bind(null))
        .hasMessageContaining("requires an argument but none provided");
    assertThatThrownBy(() -> Fx.REG.find("jevt.value").orElseThrow().bind(null))
        .hasMessageContaining("requires an argument");
    FieldDef idx = Fx.REG.find("ka.req.pod.containers.image").orElseThrow();
    for (String bad : List.of("", "01", "-1", "a", "1a", " 1", "12345678901234567890")) {
      assertThatThrownBy(() -> idx.bind(bad)).as(bad)
          .hasMessageContaining("has an invalid index argument");
    }
    assertThat(idx.bind("0")).isNotNull();
    assertThat(idx.bind(null)).isNotNull();
    assertThat(idx.bind("9999999999999999999").list(Fx.ka(
        "'requestObject':{'spec':{'containers':[{'image':'a'}]}}"))).isNull();
    assertThatThrownBy(() -> Fx.REG.find("evt.time").orElseThrow().bind("1"))
        .hasMessageContaining("does not allow");
  }
}
