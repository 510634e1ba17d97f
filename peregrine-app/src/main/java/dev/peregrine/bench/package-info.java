/**
 * Benchmark support: the seeded corpus generator ({@link dev.peregrine.bench.Corpus}), the
 * end-to-end throughput bench ({@link dev.peregrine.bench.Bench}) and its plot.
 */
package dev.peregrine.bench;
