package dev.peregrine.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An alert's {@code output_fields} are what putting the template's fields, then the time, into a
 * {@code TreeMap} gave: same entries in the same order, same text, equal both ways.
 */
class AlertFieldsTest {
  private static final String RULES = """
      - rule: r
        desc: test rule
        condition: ka.verb exists
        output: >
          %ka.verb %toupper(ka.user.name) u=%ka.user.name t=%evt.time g=%ka.user.groups
          a=%ka.target.name c=%ka.response.code z=%ka.verb
        priority: WARNING
        source: k8s_audit
      """;
  private static final String EVENT = """
      {"auditID":"1","verb":"get","user":{"username":"bob","groups":["a","b"]},
       "responseStatus":{"code":200}}""";

  @Test
  void sameAsTheTreeMapOfTheFields() {
    for (EngineOptions o : List.of(EngineOptions.defaults(),
        EngineOptions.defaults().withTimeIso8601(true))) {
      Alert a = EngineDriver.of(o, RULES).process(EVENT).get(0);
      Map<String, Object> fields = a.outputFields();
      Map<String, Object> tree = new TreeMap<>();
      tree.put("ka.verb", "get");
      tree.put("ka.user.name", "bob");
      tree.put("ka.user.name", "bob");
      tree.put("evt.time", EngineDriver.TIME);
      tree.put("ka.user.groups", List.of("a", "b"));
      tree.put("ka.target.name", null);
      tree.put("ka.response.code", "200");
      tree.put("ka.verb", "get");
      tree.put(o.timeIso8601() ? "evt.time.iso8601" : "evt.time", EngineDriver.TIME);
      assertThat(new ArrayList<>(fields.entrySet())).isEqualTo(new ArrayList<>(tree.entrySet()));
      assertThat(fields).isEqualTo(tree).hasSameHashCodeAs(tree).hasSize(tree.size());
      assertThat(tree).isEqualTo(fields);
      assertThat(fields.toString()).isEqualTo(tree.toString());
      assertThat(fields.get("ka.response.code")).isEqualTo("200");
      assertThat(fields.containsKey("ka.target.name")).isTrue();
      assertThat(fields.get("ka.target.name")).isNull();
      assertThat(fields.containsKey("ka.uri")).isFalse();
      assertThat(fields.get(7)).isNull();
      assertThatThrownBy(() -> fields.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> fields.entrySet().iterator().remove())
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void keysAreSortedLikeATreeMap() {
    AlertFields f = new AlertFields(new String[] {"A", "a", "a.b", "ab"},
        new Object[] {1, null, "x", List.of()});
    assertThat(f.keySet()).containsExactly("A", "a", "a.b", "ab");
    assertThat(f.values()).containsExactly(1, null, "x", List.of());
    assertThat(new TreeMap<>(f).keySet()).containsExactlyElementsOf(f.keySet());
    assertThat(Arrays.asList(f.keySet().toArray())).hasSize(4);
  }
}
