package dev.peregrine.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class IngestQueueTest {
  @Test
  @Timeout(10)
  void reserve_waitsForRoomTheWorkersMake() throws Exception {
    IngestQueue q = new IngestQueue(10);
    assertThat(q.reserve(8, 0)).isTrue();
    CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return q.reserve(5, 5_000);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(50);
    assertThat(waiting).isNotDone();
    q.release(8); // a worker evaluated the first batch
    assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(q.depth()).isEqualTo(5);
  }

  @Test
  @Timeout(10)
  void reserve_givesUpAfterItsWait() throws Exception {
    IngestQueue q = new IngestQueue(10);
    assertThat(q.reserve(10, 0)).isTrue();
    long t0 = System.nanoTime();
    assertThat(q.reserve(1, 100)).isFalse();
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(q.depth()).isEqualTo(10);
  }

  @Test
  void reserve_aBatchLargerThanTheQueueGetsAnEmptyQueue() throws Exception {
    IngestQueue q = new IngestQueue(10);
    assertThat(q.reserve(25, 0)).isTrue();
    assertThat(q.reserve(1, 0)).isFalse();
  }
}
