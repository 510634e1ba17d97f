package dev.peregrine.cli;

import dev.peregrine.diag.Issue;
import dev.peregrine.diag.Position;
import dev.peregrine.diag.SourceFile;
import dev.peregrine.output.AlertFormatter;
import dev.peregrine.output.AlertSink;
import dev.peregrine.output.Aggregator;
import dev.peregrine.output.Channel;
import dev.peregrine.output.FileOutput;
import dev.peregrine.output.HttpOutput;
import dev.peregrine.output.OutputLog;
import dev.peregrine.output.Outputs;
import dev.peregrine.output.ProgramOutput;
import dev.peregrine.output.QueuedSink;
import dev.peregrine.output.SinkStats;
import dev.peregrine.output.StdoutOutput;
import dev.peregrine.output.SyslogOutput;
import dev.peregrine.output.Ticker;
import dev.peregrine.output.Tls;
import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/** Turns the output part of a {@link Config} into running outputs. */
final class OutputsFactory {
  private static final Duration BACKOFF = Duration.ofMillis(250);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private OutputsFactory() {}

  /**
   * The running outputs and what alerts should be handed to (the outputs, or the aggregator in
   * front of them). Closing delivers what is queued (bounded) and stops everything.
   */
  record Opened(AlertSink sink, Outputs outputs) implements AutoCloseable {
    @Override
    public void close() {
      sink.close();
    }
  }

  /** {@link #open} with messages logged to {@code err} as {@code peregrine: ...} lines. */
  static Opened open(Config c, Writer stdout, java.io.PrintWriter err, boolean blockingStdout,
      Duration closeWait) throws ConfigException {
    return open(c, stdout, Environment.hostname(), message -> {
      err.println("peregrine: " + message);
      err.flush();
    }, blockingStdout, closeWait);
  }

  /**
   * Starts every enabled output.
   *
   * @param stdout where stdout_output writes
   * @param blockingStdout make the engine wait for stdout instead of dropping (replay)
   * @param closeWait how long closing waits for queued alerts
   */
  static Opened open(Config c, Writer stdout, String hostname, OutputLog log,
      boolean blockingStdout, Duration closeWait) throws ConfigException {
    AlertFormatter formatter = formatter(c, hostname);
    int capacity = c.queueCapacity() == 0 ? QueuedSink.DEFAULT_CAPACITY : c.queueCapacity();
    QueuedSink.Options drop = new QueuedSink.Options(capacity, QueuedSink.Overflow.DROP,
        c.buffered());
    List<QueuedSink> sinks = new ArrayList<>();
    if (c.stdout()) {
      sinks.add(queued(new StdoutOutput(stdout, formatter), blockingStdout
          ? new QueuedSink.Options(capacity, QueuedSink.Overflow.BLOCK, c.buffered()) : drop,
          log));
    }
    if (c.file().enabled()) {
      sinks.add(queued(new FileOutput(Path.of(c.file().filename()), c.file().keepAlive(),
          formatter), drop, log));
    }
    if (c.program().enabled()) {
      sinks.add(queued(stats -> new ProgramOutput(c.program().program(),
          c.program().keepAlive(), formatter, c.outputTimeout(), stats, log), "program", drop,
          log));
    }
    if (c.syslog().enabled()) {
      sinks.add(queued(new SyslogOutput(new InetSocketAddress(c.syslog().host(),
          c.syslog().port()), SyslogOutput.Format.valueOf(c.syslog().format()
          .toUpperCase(Locale.ROOT)), hostname, ProcessHandle.current().pid(),
          Clock.systemDefaultZone(), formatter), drop, log));
    }
    if (c.http().enabled()) {
      SSLContext ssl = ssl(c.http());
      HttpOutput.Settings hs = httpSettings(c);
      AlertFormatter hf = c.http().asciiOutput() ? formatter.withAsciiOutput() : formatter;
      sinks.add(queued(stats -> new HttpOutput(hs, hf, ssl, Ticker.SYSTEM, stats, echo(stdout)),
          "http", drop, log));
    }
    Outputs outputs = new Outputs(sinks, closeWait);
    AlertSink sink = outputs;
    if (c.dedup().enabled()) {
      sink = new Aggregator(outputs, new Aggregator.Settings(c.dedup().window(),
          c.dedup().fields()), Ticker.SYSTEM).startTimer();
    }
    return new Opened(sink, outputs);
  }

  /** The alert formatter the config describes. */
  static AlertFormatter formatter(Config c, String hostname) {
    Config.Json j = c.json();
    return new AlertFormatter(j.enabled() ? new AlertFormatter.JsonOptions(j.output(),
        j.outputFields(), j.tags(), j.message()) : null, hostname);
  }

  static HttpOutput.Settings httpSettings(Config c) {
    Config.HttpOut h = c.http();
    return new HttpOutput.Settings(URI.create(h.url()), h.userAgent(), h.customHeaders(),
        h.compressUploads(), c.outputTimeout(), h.maxConsecutiveTimeouts(), BACKOFF, MAX_BACKOFF,
        h.echo());
  }

  /**
   * Echoed HTTP responses go to stdout, as in Falco (curl's default). One {@code write} call per
   * response, so they never split an alert line written by the stdout output.
   */
  private static Consumer<String> echo(Writer stdout) {
    return body -> {
      try {
        stdout.write(body);
        stdout.flush();
      } catch (IOException e) {
        // stdout is gone; the alert itself was delivered
      }
    };
  }

  private static SSLContext ssl(Config.HttpOut h) throws ConfigException {
    Tls tls = new Tls(h.insecure(), h.caCert(), h.caBundle(), h.caPath(), h.mtls(),
        h.clientCert(), h.clientKey());
    if (tls.isDefault()) {
      return null;
    }
    try {
      return tls.context();
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(List.of(Issue.error("CONFIG_TLS",
          new SourceFile("http_output", ""), Position.UNKNOWN,
          "TLS settings unusable: " + e.getMessage())));
    }
  }

  private static QueuedSink queued(Channel ch, QueuedSink.Options o, OutputLog log) {
    return new QueuedSink(ch, o, log, Ticker.SYSTEM);
  }

  private static QueuedSink queued(Function<SinkStats, Channel> ch, String name,
      QueuedSink.Options o, OutputLog log) {
    SinkStats stats = new SinkStats(name);
    return new QueuedSink(ch.apply(stats), o, stats, log, Ticker.SYSTEM);
  }
}
