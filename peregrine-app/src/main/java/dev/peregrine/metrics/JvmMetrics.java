package dev.peregrine.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.function.ToLongFunction;

/**
 * The JVM's memory gauges under the names of Prometheus' JVM instrumentation: {@code
 * jvm_memory_used_bytes}, {@code jvm_memory_committed_bytes}, {@code jvm_memory_max_bytes} by
 * {@code area} (heap, nonheap), and {@code jvm_memory_pool_collection_used_bytes} by heap
 * {@code pool}: what each pool held right after its last collection, the live data.
 */
final class JvmMetrics {
  private JvmMetrics() {}

  static void register(PrometheusRegistry registry) {
    area(registry, "jvm_memory_used_bytes", "Used bytes of a memory area.", MemoryUsage::getUsed);
    area(registry, "jvm_memory_committed_bytes", "Committed bytes of a memory area.",
        MemoryUsage::getCommitted);
    area(registry, "jvm_memory_max_bytes", "Max bytes of a memory area (-1: undefined).",
        MemoryUsage::getMax);
    GaugeWithCallback.builder().name("jvm_memory_pool_collection_used_bytes")
        .help("Used bytes of a heap pool after its last collection.").labelNames("pool")
        .callback(cb -> {
          for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = p.getType() == MemoryType.HEAP ? p.getCollectionUsage() : null;
            if (u != null) {
              cb.call(u.getUsed(), p.getName());
            }
          }
        }).register(registry);
  }

  private static void area(PrometheusRegistry registry, String name, String help,
      ToLongFunction<MemoryUsage> value) {
    var memory = ManagementFactory.getMemoryMXBean();
    GaugeWithCallback.builder().name(name).help(help).labelNames("area").callback(cb -> {
      cb.call(value.applyAsLong(memory.getHeapMemoryUsage()), "heap");
      cb.call(value.applyAsLong(memory.getNonHeapMemoryUsage()), "nonheap");
    }).register(registry);
  }
}
