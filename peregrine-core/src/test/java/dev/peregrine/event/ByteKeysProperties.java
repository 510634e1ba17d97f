package dev.peregrine.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** {@link ByteKeys#find} finds exactly the keys' bytes, wherever they stand in an array. */
class ByteKeysProperties {
  private static final String[] PIECES = {"a", "b", "requestObject", "ä", "/", "12345678", "x"};

  @Property(tries = 500)
  void findsExactlyTheKeys(@ForAll long seed) {
    Random r = new Random(seed);
    Map<String, Selection> keys = new HashMap<>();
    int n = 1 + r.nextInt(12);
    for (int i = 0; i < n; i++) {
      keys.put(word(r), Selection.all());
    }
    ByteKeys table = new ByteKeys(keys);
    for (int t = 0; t < 40; t++) {
      String probe = r.nextInt(3) == 0 ? keys.keySet().stream().skip(r.nextInt(keys.size())).findFirst()
          .orElseThrow() : word(r);
      byte[] inner = probe.getBytes(StandardCharsets.UTF_8);
      int lead = r.nextInt(5);
      int trail = r.nextInt(3) == 0 ? 0 : r.nextInt(12); // keys at the very end of the array too
      byte[] b = new byte[lead + inner.length + trail];
      r.nextBytes(b);
      System.arraycopy(inner, 0, b, lead, inner.length);
      int k = table.find(b, lead, lead + inner.length);
      if (keys.containsKey(probe)) {
        assertThat(k).as(probe).isGreaterThanOrEqualTo(0);
        assertThat(table.name(k)).isEqualTo(probe);
      } else {
        assertThat(k).as(probe).isEqualTo(-1);
      }
    }
  }

  private static String word(Random r) {
    StringBuilder sb = new StringBuilder();
    int parts = r.nextInt(6);
    for (int i = 0; i < parts; i++) {
      sb.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }
}
