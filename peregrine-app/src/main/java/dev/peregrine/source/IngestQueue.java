package dev.peregrine.source;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded queue between the HTTP threads and the engine workers, bounded in events (not
 * batches). A request first reserves room for its events ({@link #reserve}), waiting a bounded
 * time for it, and is refused when there is none, so nothing is ever accepted and then dropped,
 * and no request waits long.
 */
final class IngestQueue {
  private final long capacity;
  private final AtomicLong used = new AtomicLong();
  private final LinkedBlockingQueue<Batch> batches = new LinkedBlockingQueue<>();
  /** Requests waiting for room (read without the lock: a missed wake-up only ends a wait late). */
  private volatile int waiting;

  IngestQueue(long capacity) {
    this.capacity = capacity;
  }

  long capacity() {
    return capacity;
  }

  /** Events reserved or waiting (accepted but not yet evaluated). */
  long depth() {
    return used.get();
  }

  /**
   * Reserves room for {@code n} events; false when full. A batch larger than the whole capacity is
   * admitted only into an empty queue, so it cannot be refused forever.
   */
  boolean tryReserve(int n) {
    while (true) {
      long cur = used.get();
      if (cur + n > capacity && cur > 0) {
        return false;
      }
      if (used.compareAndSet(cur, cur + n)) {
        return true;
      }
    }
  }

  /**
   * Reserves room for {@code n} events, waiting up to {@code millis} for the workers to make
   * room; false when there is still none. The wait is what keeps the HTTP threads from taking the
   * CPU the workers need when requests come faster than the rules run.
   */
  boolean reserve(int n, long millis) throws InterruptedException {
    if (tryReserve(n)) {
      return true;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (this) {
      waiting++;
      try {
        while (!tryReserve(n)) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
      } finally {
        waiting--;
      }
    }
  }

  /** Returns room reserved by a request that did not enqueue, or by an evaluated batch. */
  void release(int n) {
    used.addAndGet(-n);
    if (waiting > 0) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Enqueues a batch whose room was reserved. */
  void put(Batch b) {
    batches.add(b);
  }

  /** The next batch, or null after {@code millis} without one. */
  Batch poll(long millis) throws InterruptedException {
    return batches.poll(millis, TimeUnit.MILLISECONDS);
  }

  boolean isEmpty() {
    return batches.isEmpty();
  }
}
