package dev.peregrine.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * A MemberMap behaves as a LinkedHashMap under any sequence of changes, small or large, and one
 * built at once from gathered members ({@link MemberMap#of}) as one built by puts.
 */
class MemberMapProperties {
  @Property(tries = 300)
  void behavesAsLinkedHashMap(
      @ForAll @Size(max = 120) List<@IntRange(min = 0, max = 3) Integer> ops,
      @ForAll @Size(min = 120, max = 120) List<@IntRange(min = 0, max = 40) Integer> keys) {
    MemberMap m = new MemberMap();
    Map<String, JsonNode> expected = new LinkedHashMap<>();
    for (int i = 0; i < ops.size(); i++) {
      // a new String each time: equal keys need not be the same object
      String k = new String("k" + keys.get(i));
      JsonNode v = JsonNodeFactory.instance.numberNode(i);
      switch (ops.get(i)) {
        case 0, 1 -> assertThat(m.put(k, v)).isEqualTo(expected.put(k, v));
        case 2 -> assertThat(m.remove(k)).isEqualTo(expected.remove(k));
        default -> {
          Iterator<Map.Entry<String, JsonNode>> a = m.entrySet().iterator();
          Iterator<Map.Entry<String, JsonNode>> b = expected.entrySet().iterator();
          while (b.hasNext()) {
            Map.Entry<String, JsonNode> eb = b.next();
            Map.Entry<String, JsonNode> ea = a.next();
            assertThat(ea.getKey()).isEqualTo(eb.getKey());
            if (eb.getKey().hashCode() % 3 == 0) {
              a.remove();
              b.remove();
            }
          }
          assertThat(a.hasNext()).isFalse();
        }
      }
      assertThat(m.size()).isEqualTo(expected.size());
      assertThat(m.get(k)).isEqualTo(expected.get(k));
      assertThat(m.containsKey("absent")).isFalse();
    }
    assertThat(new ArrayList<>(m.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
    assertThat(new ArrayList<>(m.values())).isEqualTo(new ArrayList<>(expected.values()));
    assertThat(m).isEqualTo(expected);
    assertThat(m.hashCode()).isEqualTo(expected.hashCode());
  }

  @Property(tries = 300)
  void builtAtOnceAsByPuts(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 30) Integer> keys) {
    String[] names = new String[keys.size()];
    JsonNode[] values = new JsonNode[keys.size()];
    Map<String, JsonNode> expected = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      names[i] = new String("k" + keys.get(i));
      values[i] = JsonNodeFactory.instance.numberNode(i);
      expected.put(names[i], values[i]);
    }
    MemberMap m = MemberMap.of(names, values, names.length);
    assertThat(new ArrayList<>(m.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
    assertThat(new ArrayList<>(m.values())).isEqualTo(new ArrayList<>(expected.values()));
    for (String k : expected.keySet()) {
      assertThat(m.get(k)).isEqualTo(expected.get(k));
    }
    // and it stays a map that takes changes
    m.put("new", JsonNodeFactory.instance.nullNode());
    expected.put("new", JsonNodeFactory.instance.nullNode());
    assertThat(m).isEqualTo(expected);
  }

  @Test
  void objectNodesOfEitherKindAreEqualAndPrintTheSame() {
    ObjectNode a = EventNodes.INSTANCE.objectNode();
    ObjectNode b = JsonNodeFactory.instance.objectNode();
    for (ObjectNode o : List.of(a, b)) {
      o.put("kind", "Event").put("n", 1).putObject("user").put("username", "alice");
    }
    assertThat(a).isEqualTo(b);
    assertThat(b).isEqualTo(a);
    assertThat(a.toString()).isEqualTo(b.toString());
    a.set("n", JsonNodeFactory.instance.numberNode(2));
    assertThat(a.get("n").intValue()).isEqualTo(2);
    assertThat(a).isNotEqualTo(b);
  }
}
