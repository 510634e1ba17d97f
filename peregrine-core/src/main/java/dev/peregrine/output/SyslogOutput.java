package dev.peregrine.output;

import dev.peregrine.engine.Alert;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code syslog_output}: one UDP datagram per alert to a syslog receiver (by default
 * 127.0.0.1:514). The Java platform cannot write to the {@code /dev/log} datagram socket, so the
 * local daemon must listen on UDP (rsyslog {@code imudp}, syslog-ng {@code udp()}). Severity is
 * the Falco priority ordinal (0 emergency ... 7 debug) and the facility is user (1), so
 * {@code PRI = 8 + ordinal}, as Falco's {@code syslog(3)} call produces.
 */
public final class SyslogOutput implements Channel {
  /** Header format of the datagram. */
  public enum Format {
    /** BSD syslog: {@code <PRI>Mmm dd hh:mm:ss HOST TAG[PID]: MSG}. */
    RFC3164,
    /** {@code <PRI>1 TIMESTAMP HOST APP PID - - MSG}. */
    RFC5424
  }

  private static final DateTimeFormatter BSD =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX", Locale.ROOT);
  private static final int FACILITY_USER = 1;

  private final InetSocketAddress target;
  private final Format format;
  private final String hostname;
  private final long pid;
  private final Clock clock;
  private final AlertFormatter formatter;
  private DatagramChannel socket;

  /**
   * @param target receiver address
   * @param hostname HOSTNAME header field
   * @param pid PROCID header field
   * @param clock timestamp of the header (the time of sending, as syslog(3) does)
   */
  public SyslogOutput(InetSocketAddress target, Format format, String hostname, long pid,
      Clock clock, AlertFormatter formatter) {
    this.target = target;
    this.format = format;
    this.hostname = hostname.isEmpty() ? "-" : hostname;
    this.pid = pid;
    this.clock = clock;
    this.formatter = formatter;
  }

  @Override
  public String name() {
    return "syslog";
  }

  @Override
  public void write(Alert alert) throws IOException {
    if (socket == null) {
      socket = DatagramChannel.open();
    }
    socket.send(ByteBuffer.wrap(datagram(alert)), target);
  }

  /** The datagram's bytes for {@code alert}. */
  byte[] datagram(Alert alert) {
    int pri = FACILITY_USER * 8 + alert.priority().ordinal();
    ZonedDateTime now = ZonedDateTime.now(clock);
    String header = switch (format) {
      case RFC3164 -> "<" + pri + ">" + BSD.format(now) + " " + hostname + " peregrine[" + pid
          + "]: ";
      case RFC5424 -> "<" + pri + ">1 " + ISO.format(now.withZoneSameInstant(ZoneOffset.UTC))
          + " " + hostname + " peregrine " + pid + " - - ";
    };
    return (header + formatter.format(alert)).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
    }
  }
}
