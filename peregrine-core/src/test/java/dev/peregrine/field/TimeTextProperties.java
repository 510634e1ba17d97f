package dev.peregrine.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link TimeText} gives the text of the full {@code ...ss.SSSSSSSSS} pattern, whether the second
 * was the last one rendered or not, in zones with daylight saving and odd historical offsets.
 */
class TimeTextProperties {
  private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Europe/Berlin"),
      ZoneId.of("America/St_Johns"), ZoneId.of("Africa/Monrovia"), ZoneId.of("Australia/Lord_Howe"));

  @Property(tries = 300)
  void sameAsTheFullPattern(@ForAll @LongRange(min = -3_000_000_000_000_000_000L,
      max = 4_000_000_000_000_000_000L) long start, @ForAll @LongRange(min = 0,
      max = 3_000_000_000L) long step) {
    for (ZoneId zone : ZONES) {
      TimeText time = new TimeText(DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone), "");
      TimeText date = new TimeText(
          DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(zone), "");
      TimeText iso = new TimeText(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
          .withZone(ZoneOffset.UTC), "+0000");
      DateTimeFormatter fullTime = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS").withZone(zone);
      DateTimeFormatter fullDate =
          DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS").withZone(zone);
      DateTimeFormatter fullIso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxx")
          .withZone(ZoneOffset.UTC);
      // consecutive times, several in one second and across seconds, as events arrive
      for (int i = 0; i < 6; i++) {
        long t = start + i * step;
        Instant at = Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L),
            Math.floorMod(t, 1_000_000_000L));
        assertThat(time.apply(t)).isEqualTo(fullTime.format(at));
        assertThat(date.apply(t)).isEqualTo(fullDate.format(at));
        assertThat(iso.apply(t)).isEqualTo(fullIso.format(at));
      }
    }
  }
}
