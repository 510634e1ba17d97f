package dev.peregrine.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void unprocessedRecords_comeBackAfterReopen_processedOnesDoNot() throws Exception {
    try (Spool s = new Spool(dir, 1 << 20, 1 << 16)) {
      long a = s.append(b("a"));
      long c = s.append(b("b"));
      s.append(b("c"));
      s.sync(c);
      s.done(a);
      s.done(3);
      s.checkpoint();
      assertThat(s.watermark()).isEqualTo(1);
    }
    try (Spool s = new Spool(dir, 1 << 20, 1 << 16)) {
      assertThat(s.pending()).extracting(r -> new String(r.body(), StandardCharsets.UTF_8))
          .containsExactly("b", "c");
      s.allDone();
      assertThat(s.append(b("d"))).isEqualTo(4);
    }
  }

  @Test
  void tornTail_isCutAndEarlierRecordsSurvive() throws Exception {
    try (Spool s = new Spool(dir, 1 << 20, 1 << 16)) {
      s.sync(s.append(b("whole")));
    }
    Path seg;
    try (Stream<Path> files = Files.list(dir)) {
      seg = files.filter(p -> p.toString().endsWith(".spool")).sorted().findFirst().orElseThrow();
    }
    try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.APPEND)) {
      ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 50, 1, 2, 3}));
    }
    try (Spool s = new Spool(dir, 1 << 20, 1 << 16)) {
      assertThat(s.pending()).hasSize(1);
      assertThat(s.append(b("next"))).isEqualTo(2);
    }
  }

  @Test
  void diskLimit_refusesAndEvaluatedSegmentsAreDeleted() throws Exception {
    try (Spool s = new Spool(dir, 200, 60)) {
      long last = 0;
      for (int i = 0; i < 5; i++) {
        last = s.append(new byte[24]);
      }
      long seqBeforeFull = last;
      assertThatThrownBy(() -> s.append(new byte[24])).isInstanceOf(Spool.Full.class);
      for (long i = 1; i <= seqBeforeFull; i++) {
        s.done(i);
      }
      s.checkpoint();
      assertThat(s.usedBytes()).isLessThan(200);
      s.append(new byte[24]);
    }
  }
}
