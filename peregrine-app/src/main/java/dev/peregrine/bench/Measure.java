package dev.peregrine.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Times a workload: warm-up passes, then timed passes. Warm-up lasts a number of passes and at
 * least a time, since the JIT compiler takes a while to settle on a large workload (on two cores
 * the built-in ruleset needs a few hundred thousand events). The time reported is the fastest
 * pass (on a shared machine the fastest pass is the one least disturbed by other processes); the
 * allocation is the median pass's.
 */
final class Measure {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Measure() {}

  /** One pass over the data; returns a checksum (events or alerts) so nothing is optimised away. */
  @FunctionalInterface
  interface Pass {
    long run();
  }

  /** Fastest pass in nanoseconds, bytes allocated by a pass (median), and its checksum. */
  record Timing(long nanos, long allocated, long checksum) {}

  /** {@code warmup} passes and then more until {@code warmupNanos} have passed, then timed. */
  static Timing time(Pass pass, int warmup, long warmupNanos, int runs) {
    long sum = 0;
    long start = System.nanoTime();
    for (int i = 0; i < warmup || System.nanoTime() - start < warmupNanos; i++) {
      sum = pass.run();
    }
    long[] nanos = new long[runs];
    long[] alloc = new long[runs];
    long tid = Thread.currentThread().threadId();
    for (int i = 0; i < runs; i++) {
      long a0 = THREADS.getThreadAllocatedBytes(tid);
      long t0 = System.nanoTime();
      sum = pass.run();
      nanos[i] = System.nanoTime() - t0;
      alloc[i] = THREADS.getThreadAllocatedBytes(tid) - a0;
    }
    Arrays.sort(nanos);
    Arrays.sort(alloc);
    return new Timing(nanos[0], alloc[runs / 2], sum);
  }
}
