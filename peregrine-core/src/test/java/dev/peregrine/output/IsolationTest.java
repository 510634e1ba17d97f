package dev.peregrine.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.engine.Alert;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A blocked or failing output neither slows the caller nor the other outputs; drops counted. */
@Timeout(30)
class IsolationTest {
  /** A channel that blocks on every write until released. */
  static final class Stuck implements Channel {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);

    @Override
    public String name() {
      return "stuck";
    }

    @Override
    public void write(Alert alert) throws InterruptedException {
      entered.countDown();
      release.await();
    }
  }

  /** A ticker the test moves by hand. */
  static final class ManualTicker implements Ticker {
    final AtomicLong now = new AtomicLong();

    @Override
    public long nanos() {
      return now.get();
    }
  }

  @Test
  void blockedOutput_dropsWhenFull_othersDeliverEverything() throws InterruptedException {
    Stuck stuck = new Stuck();
    StringWriter out = new StringWriter();
    List<String> log = new CopyOnWriteArrayList<>();
    ManualTicker ticker = new ManualTicker();
    QueuedSink slow = new QueuedSink(stuck, new QueuedSink.Options(10, QueuedSink.Overflow.DROP,
        false), log::add, ticker);
    QueuedSink fast = new QueuedSink(new StdoutOutput(out, Alerts.text()),
        QueuedSink.Options.defaults(), OutputLog.NONE, ticker);
    Outputs outputs = new Outputs(List.of(slow, fast), Duration.ofSeconds(10));
    outputs.accept(Alerts.numbered(0));
    assertThat(stuck.entered.await(10, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    for (int i = 1; i <= 1000; i++) {
      outputs.accept(Alerts.numbered(i));
    }
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(fast.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(out.toString().lines()).hasSize(1001);
    assertThat(elapsedMs).as("1000 accepts behind a stuck output").isLessThan(2_000);
    // one in the channel, ten queued, the rest dropped
    assertThat(slow.stats().snapshot().dropped()).isEqualTo(990);
    assertThat(outputs.dropped()).isEqualTo(990);
    assertThat(log).hasSize(1).first().asString().contains("queue full").contains("1 dropped");

    ticker.now.addAndGet(TimeUnit.SECONDS.toNanos(11));
    outputs.accept(Alerts.numbered(1001));
    assertThat(log).hasSize(2);
    assertThat(log.get(1)).contains("991 dropped so far").contains("989 similar messages");

    stuck.release.countDown();
    outputs.close();
    SinkStats.Snapshot s = slow.stats().snapshot();
    assertThat(s.delivered() + s.dropped() + s.failed()).isEqualTo(1002);
    assertThat(fast.stats().snapshot().delivered()).isEqualTo(1002);
  }

  @Test
  void failingOutput_countsFailures_othersUnaffected() {
    Channel broken = new Channel() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public void write(Alert alert) throws java.io.IOException {
        throw new java.io.IOException("disk on fire");
      }
    };
    StringWriter out = new StringWriter();
    List<String> log = new CopyOnWriteArrayList<>();
    QueuedSink bad = new QueuedSink(broken, QueuedSink.Options.defaults(), log::add,
        new ManualTicker());
    QueuedSink good = new QueuedSink(new StdoutOutput(out, Alerts.text()),
        QueuedSink.Options.defaults(), OutputLog.NONE, Ticker.SYSTEM);
    Outputs outputs = new Outputs(List.of(bad, good), Duration.ofSeconds(10));
    for (int i = 0; i < 5; i++) {
      outputs.accept(Alerts.numbered(i));
    }
    outputs.close();
    assertThat(bad.stats().snapshot().failed()).isEqualTo(5);
    assertThat(good.stats().snapshot().delivered()).isEqualTo(5);
    assertThat(log).singleElement().asString().contains("disk on fire");
  }

  @Test
  void close_countsUndeliveredAsDropped_withinBoundedWait() {
    Stuck stuck = new Stuck();
    QueuedSink slow = new QueuedSink(stuck, QueuedSink.Options.defaults(), OutputLog.NONE,
        Ticker.SYSTEM);
    for (int i = 0; i < 4; i++) {
      slow.accept(Alerts.numbered(i));
    }
    long start = System.nanoTime();
    slow.close(Duration.ofMillis(100));
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    SinkStats.Snapshot s = slow.stats().snapshot();
    assertThat(s.dropped() + s.failed()).isEqualTo(4);
    assertThat(s.delivered()).isZero();
    slow.accept(Alerts.numbered(9));
    assertThat(slow.stats().snapshot().dropped()).isEqualTo(s.dropped() + 1);
  }
}
