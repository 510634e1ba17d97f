/**
 * A load generator that behaves like kube-apiserver's batch audit webhook client: EventList
 * batches of up to 400 events, several in flight, retries with backoff that honour
 * {@code Retry-After}. It reports throughput, ack latency, retries and rejects, and checks the
 * receiver's own counters ({@link dev.peregrine.loadgen.LoadGen}).
 */
package dev.peregrine.loadgen;
