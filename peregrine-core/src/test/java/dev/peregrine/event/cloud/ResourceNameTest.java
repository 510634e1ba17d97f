package dev.peregrine.event.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceNameTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      core/v1/namespaces/default/pods/nginx   | ''   | default | pods        | nginx   | -
      core/v1/namespaces/default/pods         | ''   | default | pods        | -       | -
      core/v1/nodes/n1/status                 | ''   | -       | nodes       | n1      | status
      core/v1/namespaces/test-ns              | ''   | test-ns | namespaces  | test-ns | -
      core/v1/namespaces/test-ns/finalize     | ''   | test-ns | namespaces  | test-ns | finalize
      core/v1/namespaces                      | ''   | -       | namespaces  | -       | -
      apps/v1/namespaces/ks/deployments/dns/scale | apps | ks  | deployments | dns     | scale
      core/v1/namespaces/p/pods/web/exec      | ''   | p       | pods        | web     | exec
      """)
  void parse(String text, String group, String ns, String resource, String name, String sub) {
    ResourceName r = ResourceName.parse(text);
    assertThat(r.group()).isEqualTo(group);
    assertThat(r.version()).isEqualTo("v1");
    assertThat(r.namespace()).isEqualTo(ns);
    assertThat(r.resource()).isEqualTo(resource);
    assertThat(r.name()).isEqualTo(name);
    assertThat(r.subresource()).isEqualTo(sub);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      core/v1/namespaces/default/pods/nginx       | /api/v1/namespaces/default/pods/nginx
      core/v1/nodes/n1/status                     | /api/v1/nodes/n1/status
      core/v1/namespaces/test-ns                  | /api/v1/namespaces/test-ns
      core/v1/namespaces/test-ns/finalize         | /api/v1/namespaces/test-ns/finalize
      apps/v1/namespaces/ks/deployments/dns/scale | /apis/apps/v1/namespaces/ks/deployments/dns/scale
      rbac.authorization.k8s.io/v1/clusterroles/x | /apis/rbac.authorization.k8s.io/v1/clusterroles/x
      """)
  void path(String text, String path) {
    assertThat(ResourceName.parse(text).path()).isEqualTo(path);
  }

  @Test
  void notAResourceName() {
    assertThat(ResourceName.parse("/healthz")).isNull();
    assertThat(ResourceName.parse("core/v1")).isNull();
    assertThat(ResourceName.parse("core//pods")).isNull();
    assertThat(ResourceName.parse(null)).isNull();
  }
}
