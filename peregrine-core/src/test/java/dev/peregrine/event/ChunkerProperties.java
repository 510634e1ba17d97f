package dev.peregrine.event;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Counting a byte eight at a time gives what a byte loop gives, at any length and offset. */
class ChunkerProperties {
  @Property(tries = 500)
  void countsLikeAByteLoop(@ForAll @Size(max = 80) byte[] data,
      @ForAll @IntRange(min = 0, max = 80) int cut) {
    int end = Math.min(cut, data.length);
    for (byte b : new byte[] {'\n', '\r', 0, (byte) 0x80, (byte) 0xff}) {
      long expected = 0;
      for (int i = 0; i < end; i++) {
        expected += data[i] == b ? 1 : 0;
      }
      assertThat(Chunker.count(data, end, (char) (b & 0xff))).isEqualTo(expected);
    }
  }
}
