package dev.peregrine.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.engine.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Alert aggregation with a hand-moved ticker. */
class AggregatorTest {
  final List<Alert> sent = new ArrayList<>();
  final AlertSink collect = sent::add;
  final IsolationTest.ManualTicker ticker = new IsolationTest.ManualTicker();

  Aggregator aggregator(List<String> fields) {
    return new Aggregator(collect, new Aggregator.Settings(Duration.ofSeconds(30), fields),
        ticker);
  }

  void advanceSeconds(long s) {
    ticker.now.addAndGet(TimeUnit.SECONDS.toNanos(s));
  }

  @Test
  void identicalAlerts_firstPassesAtOnce_restCollapseIntoOneWithCount() {
    Aggregator agg = aggregator(List.of());
    agg.accept(Alerts.user("alice", 0));
    assertThat(sent).hasSize(1);
    for (int i = 1; i <= 4; i++) {
      advanceSeconds(1);
      agg.accept(Alerts.user("alice", i));
    }
    agg.accept(Alerts.user("bob", 9));
    assertThat(sent).extracting(a -> a.outputFields().get("ka.user.name"))
        .containsExactly("alice", "bob");
    advanceSeconds(25);
    agg.tick();
    assertThat(sent).hasSize(2);
    advanceSeconds(1);
    agg.tick();
    assertThat(sent).hasSize(3);
    Alert summary = sent.get(2);
    assertThat(summary.outputFields()).containsEntry(Aggregator.COUNT_FIELD, 4L)
        .containsEntry("evt.time", Alerts.T0 + 4);
    assertThat(summary.output()).endsWith("resp=200) (repeated 4 times in 30s)");
    assertThat(summary.message()).endsWith(" (repeated 4 times in 30s)");
    assertThat(Alerts.json().format(summary)).contains("\"peregrine.count\":4");
  }

  @Test
  void chosenFields_decideIdentity_andAWindowReopensAfterItEnds() {
    Aggregator agg = aggregator(List.of("ka.verb"));
    agg.accept(Alerts.user("alice"));
    agg.accept(Alerts.user("bob"));
    assertThat(sent).hasSize(1);
    advanceSeconds(31);
    agg.accept(Alerts.user("carol"));
    assertThat(sent).hasSize(3);
    assertThat(sent.get(1).outputFields()).containsEntry(Aggregator.COUNT_FIELD, 1L);
    assertThat(sent.get(2).outputFields()).doesNotContainKey(Aggregator.COUNT_FIELD);
  }

  @Test
  void flushAndClose_emitPendingSummaries() {
    Aggregator agg = aggregator(List.of());
    agg.accept(Alerts.user("alice"));
    agg.accept(Alerts.user("alice"));
    agg.flush();
    assertThat(sent).hasSize(2);
    agg.accept(Alerts.user("alice"));
    agg.accept(Alerts.user("alice"));
    agg.close();
    assertThat(sent).hasSize(4);
  }

  @Test
  void human_durations() {
    assertThat(Aggregator.human(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Aggregator.human(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Aggregator.human(Duration.ofHours(2))).isEqualTo("2h");
  }
}
