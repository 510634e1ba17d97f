package dev.peregrine.output;

import dev.peregrine.engine.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Optional alert aggregation ({@code --dedup-window}): alerts of the same rule with the same
 * values of the chosen output fields are collapsed within a window of processing time. The first
 * alert passes at once, unchanged. Identical alerts that follow within the window are held back
 * and counted; when the window closes, one more alert is sent if there were any: the latest of
 * them, with {@code output_fields["peregrine.count"]} holding how many it stands for and the text
 * suffix {@code " (repeated N times in W)"} on {@code output} and {@code message}.
 */
public final class Aggregator implements AlertSink {
  /** The output field that carries the number of collapsed alerts. */
  public static final String COUNT_FIELD = "peregrine.count";
  /** Windows open at once; beyond this, alerts pass through unaggregated. */
  static final int MAX_OPEN = 100_000;

  /**
   * @param window how long identical alerts are collapsed after the first
   * @param fields output fields that make alerts identical (besides the rule); empty means all
   *     of them except the time fields {@code evt.time} and {@code evt.time.iso8601}
   */
  public record Settings(Duration window, List<String> fields) {
    public Settings {
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("dedup window must be positive: " + window);
      }
      fields = List.copyOf(fields);
    }
  }

  private final AlertSink next;
  private final Settings settings;
  private final Ticker ticker;
  private final long windowNanos;
  private final Map<List<Object>, Window> open = new LinkedHashMap<>();
  private ScheduledExecutorService timer;

  /** Collapses alerts on their way to {@code next}; call {@link #tick()} to close windows. */
  public Aggregator(AlertSink next, Settings settings, Ticker ticker) {
    this.next = next;
    this.settings = settings;
    this.ticker = ticker;
    this.windowNanos = settings.window().toNanos();
  }

  private static final class Window {
    final long end;
    long count;
    Alert last;

    Window(long end) {
      this.end = end;
    }
  }

  /** Starts a daemon thread that closes expired windows a few times per window. */
  public Aggregator startTimer() {
    long period = Math.max(10_000_000L, Math.min(windowNanos / 4, 1_000_000_000L));
    timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
        .name("peregrine-dedup").unstarted(r));
    timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
    return this;
  }

  @Override
  public void accept(Alert alert) {
    List<Alert> out = new ArrayList<>(2);
    synchronized (this) {
      long now = ticker.nanos();
      expire(now, out);
      List<Object> key = key(alert);
      Window w = open.get(key);
      if (w != null) {
        w.count++;
        w.last = alert;
      } else {
        if (open.size() < MAX_OPEN) {
          open.put(key, new Window(now + windowNanos));
        }
        out.add(alert);
      }
    }
    out.forEach(next::accept);
  }

  /** Sends the summaries of windows that have ended. */
  public void tick() {
    List<Alert> out = new ArrayList<>();
    synchronized (this) {
      expire(ticker.nanos(), out);
    }
    out.forEach(next::accept);
  }

  /** Closes every open window now, then flushes the outputs. */
  @Override
  public void flush() {
    List<Alert> out = new ArrayList<>();
    synchronized (this) {
      expire(Long.MAX_VALUE, out);
    }
    out.forEach(next::accept);
    next.flush();
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    List<Alert> out = new ArrayList<>();
    synchronized (this) {
      expire(Long.MAX_VALUE, out);
    }
    out.forEach(next::accept);
    next.close();
  }

  private void expire(long now, List<Alert> out) {
    Iterator<Window> it = open.values().iterator();
    while (it.hasNext()) {
      Window w = it.next();
      if (now != Long.MAX_VALUE && now - w.end < 0) {
        break;
      }
      it.remove();
      if (w.count > 0) {
        out.add(summary(w.last, w.count));
      }
    }
  }

  private List<Object> key(Alert a) {
    List<Object> key = new ArrayList<>();
    key.add(a.rule());
    if (settings.fields().isEmpty()) {
      for (Map.Entry<String, Object> e : new TreeMap<>(a.outputFields()).entrySet()) {
        if (!e.getKey().equals("evt.time") && !e.getKey().equals("evt.time.iso8601")) {
          key.add(e.getKey());
          key.add(e.getValue());
        }
      }
    } else {
      for (String f : settings.fields()) {
        key.add(a.outputFields().get(f));
      }
    }
    return key;
  }

  private Alert summary(Alert a, long count) {
    String suffix = " (repeated " + count + " times in " + human(settings.window()) + ")";
    Map<String, Object> fields = new TreeMap<>(a.outputFields());
    fields.put(COUNT_FIELD, count);
    return new Alert(a.rule(), a.priority(), a.source(), a.tags(), a.timeNanos(),
        a.output() + suffix, a.message() + suffix, fields);
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
