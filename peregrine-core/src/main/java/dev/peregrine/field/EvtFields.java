package dev.peregrine.field;

import dev.peregrine.event.AuditEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/** The generic {@code evt.*} fields that k8s_audit rules and outputs use. */
final class EvtFields {
  private static final long NS = 1_000_000_000L;

  private EvtFields() {}

  /** Every field of this group, in catalogue order. */
  static List<FieldDef> all(ZoneId zone, String hostname) {
    DateTimeFormatter timeS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    DateTimeFormatter dateS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(zone);
    // "...ss.SSSSSSSSS": the text of the second, kept from event to event, and the nanoseconds
    TimeText time = new TimeText(timeS, "");
    TimeText date = new TimeText(dateS, "");
    TimeText iso = new TimeText(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
        .withZone(ZoneOffset.UTC), "+0000");
    ToLongFunction<AuditEvent> ns = AuditEvent::timeNanos;
    return List.of(
        numeric("evt.time", FieldType.ABSTIME, "Event time as HH:MM:SS.nnnnnnnnn (local zone)",
            ns, time),
        text("evt.time.s", "Event time as HH:MM:SS (local zone)",
            e -> timeS.format(instant(e.timeNanos()))),
        numeric("evt.time.iso8601", FieldType.ABSTIME,
            "Event time in ISO 8601 with nanoseconds, in UTC (+0000)",
            ns, iso),
        text("evt.datetime", "Event date and time as YYYY-MM-DD HH:MM:SS.nnnnnnnnn (local zone)",
            e -> date.apply(e.timeNanos())),
        text("evt.datetime.s", "Event date and time as YYYY-MM-DD HH:MM:SS (local zone)",
            e -> dateS.format(instant(e.timeNanos()))),
        numeric("evt.rawtime", FieldType.UINT64, "Event time in nanoseconds since the epoch",
            ns, Long::toString),
        numeric("evt.rawtime.s", FieldType.UINT64, "Whole seconds of the event time",
            e -> Math.floorDiv(e.timeNanos(), NS), Long::toString),
        numeric("evt.rawtime.ns", FieldType.UINT64, "Nanoseconds part of the event time",
            e -> Math.floorMod(e.timeNanos(), NS), Long::toString),
        text("evt.source", "Event source name (always k8s_audit)", e -> "k8s_audit"),
        text("evt.hostname", "Host name of the machine running the engine", e -> hostname),
        text("evt.pluginname", "Name of the plugin the event source emulates (k8saudit)",
            e -> "k8saudit"));
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, NS), Math.floorMod(nanos, NS));
  }

  private static FieldDef text(
      String name, String desc, java.util.function.Function<AuditEvent, String> fn) {
    Extractor x = new Extractors.Text(fn);
    return new FieldDef(name, FieldType.STRING, false, ArgKind.NONE, desc, arg -> x,
        FieldDef.readsNothing());
  }

  private static FieldDef numeric(String name, FieldType type, String desc,
      ToLongFunction<AuditEvent> value, LongFunction<String> render) {
    Extractor x = new Extractors.Numeric(type, value, render);
    return new FieldDef(name, type, false, ArgKind.NONE, desc, arg -> x, FieldDef.readsNothing());
  }
}
