package dev.peregrine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorpusTest {
  @Test
  void sameSpec_sameBytes_otherSeed_otherBytes() {
    Corpus.Spec spec = new Corpus.Spec(500, 42, Mix.defaults());
    assertThat(Corpus.generate(spec).jsonl()).isEqualTo(Corpus.generate(spec).jsonl());
    assertThat(Arrays.equals(Corpus.generate(spec).jsonl(),
        Corpus.generate(new Corpus.Spec(500, 43, Mix.defaults())).jsonl())).isFalse();
  }

  @Test
  void sizesAndMix_followTheDocumentedDistribution() {
    Corpus c = Corpus.generate(new Corpus.Spec(10_000, 1, Mix.defaults()));
    Corpus.Sizes s = c.sizes();
    assertThat(s.min()).isGreaterThanOrEqualTo(400);
    assertThat(s.max()).isLessThanOrEqualTo(50 * 1024);
    assertThat(s.median()).isBetween(1000, 2000);
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    c.kinds().forEach(k -> counts.merge(k, 1, Integer::sum));
    for (Kind k : Kind.values()) {
      assertThat(counts.getOrDefault(k, 0) / 100.0).as(k.label())
          .isCloseTo(k.defaultWeight(), org.assertj.core.data.Offset.offset(1.5));
    }
  }

  @Test
  void mix_parsesWeightsAndRejectsNonsense() {
    Corpus c = Corpus.generate(new Corpus.Spec(200, 1, Mix.parse("attack=100,system-read=0,lease=0,"
        + "controller-write=0,kubectl=0,workload=0,secrets=0,exec=0,rbac=0,denied=0")));
    assertThat(c.kinds()).containsOnly(Kind.ATTACK);
    assertThatThrownBy(() -> Mix.parse("nope=1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Mix.parse("attack")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eventLists_decodeToTheSameNumberOfEvents() {
    Corpus c = Corpus.generate(new Corpus.Spec(250, 3, Mix.defaults()), false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    c.writeEventLists(out, 100);
    assertThat(OptimisationEquivalenceTest.decode(out.toByteArray())).hasSize(250);
    assertThat(OptimisationEquivalenceTest.decode(c.jsonl())).hasSize(250);
  }
}
