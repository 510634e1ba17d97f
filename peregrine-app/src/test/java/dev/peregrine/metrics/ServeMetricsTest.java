package dev.peregrine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServeMetricsTest {
  @Test
  void outputDrops_areTheOutputsRunningCountAtEachScrape() throws Exception {
    ServeMetrics m = new ServeMetrics("test", () -> 0, 10);
    assertThat(m.value("falcosecurity_falco_outputs_queue_num_drops")).isZero();
    AtomicLong dropped = new AtomicLong(3);
    m.outputDrops(dropped::get);
    assertThat(m.value("falcosecurity_falco_outputs_queue_num_drops")).isEqualTo(3);
    dropped.addAndGet(4);
    assertThat(m.value("falcosecurity_falco_outputs_queue_num_drops")).isEqualTo(7);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    m.write(text);
    assertThat(text.toString(StandardCharsets.UTF_8))
        .contains("falcosecurity_falco_outputs_queue_num_drops_total 7.0");
  }
}
