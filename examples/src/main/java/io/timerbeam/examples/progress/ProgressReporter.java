package io.timerbeam.examples.progress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Reports progress of long work: a live line redrawn with {@code \r} on a terminal, plain periodic
 * lines otherwise (logs, CI), and a one-line summary at the end. It polls a supplier of the done count,
 * so the work itself needs no callbacks.
 *
 * <pre>{@code
 * try (ProgressReporter p = ProgressReporter.start("forecast", total, Unit.SERIES, counter::get, err)) { ... }
 * }</pre>
 */
public final class ProgressReporter implements AutoCloseable {
  /** What is counted, and how amounts and rates of it are written. */
  public enum Unit {
    SERIES {
      @Override
      String amount(long n) {
        return Long.toString(n);
      }

      @Override
      String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f series/s", perSecond);
      }

      @Override
      String suffix() {
        return " series";
      }
    },
    BYTES {
      @Override
      String amount(long n) {
        return String.format(Locale.ROOT, "%.1f", n / 1e6);
      }

      @Override
      String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f MB/s", perSecond / 1e6);
      }

      @Override
      String suffix() {
        return " MB";
      }
    };

    abstract String amount(long n);

    abstract String rate(double perSecond);

    abstract String suffix();
  }

  private static final int BAR_WIDTH = 24;
  private static final long TERMINAL_EVERY_MS = 250;
  private static final long LOG_EVERY_MS = 10_000;

  private final String label;
  /** Read at every report: the total may still grow while the work runs (series counted as they are assembled). */
  private final LongSupplier total;
  private final Unit unit;
  private final LongSupplier done;
  private final PrintWriter out;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private final long doneAtStart;
  private ScheduledExecutorService ticker;
  private int lastLineLength;
  private boolean closed;

  ProgressReporter(String label, LongSupplier total, Unit unit, LongSupplier done, PrintWriter out, boolean terminal, LongSupplier nanoClock) {
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.done = done;
    this.out = out;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
    // Work already done before the start (a resumed download) does not count towards the rate.
    this.doneAtStart = done.getAsLong();
  }

  /** Starts reporting to {@code out}: a live line when this process has a terminal, a line every 10 s otherwise. */
  public static ProgressReporter start(String label, long total, Unit unit, LongSupplier done, PrintWriter out) {
    return start(label, () -> total, unit, done, out);
  }

  /** As above, with a total that is read anew at every report. */
  public static ProgressReporter start(String label, LongSupplier total, Unit unit, LongSupplier done, PrintWriter out) {
    boolean terminal = System.console() != null;
    ProgressReporter reporter = new ProgressReporter(label, total, unit, done, out, terminal, System::nanoTime);
    reporter.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress-" + label);
      t.setDaemon(true);
      return t;
    });
    long every = terminal ? TERMINAL_EVERY_MS : LOG_EVERY_MS;
    reporter.ticker.scheduleAtFixedRate(reporter::report, every, every, TimeUnit.MILLISECONDS);
    return reporter;
  }

  /** Prints the current state now (live line or log line). */
  public synchronized void report() {
    if (closed) {
      return; // a tick that waited for close() to finish
    }
    String line = line(done.getAsLong(), nanoClock.getAsLong() - startNanos);
    if (terminal) {
      // Pad so a shorter line fully covers the previous one.
      out.print("\r" + line + " ".repeat(Math.max(0, lastLineLength - line.length())));
      lastLineLength = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Stops the periodic reports and prints the summary. */
  @Override
  public synchronized void close() {
    closed = true;
    if (ticker != null) {
      ticker.shutdownNow();
    }
    clearLiveLine();
    out.println(summary(done.getAsLong(), nanoClock.getAsLong() - startNanos));
    out.flush();
  }

  /** Prints a message on its own line; on a terminal the live line is cleared first and redrawn at the next tick. */
  public synchronized void println(String message) {
    clearLiveLine();
    out.println(message);
    out.flush();
  }

  private void clearLiveLine() {
    if (terminal && lastLineLength > 0) {
      out.print("\r" + " ".repeat(lastLineLength) + "\r");
      lastLineLength = 0;
    }
  }

  /** One progress line: a bar on a terminal, plain words in logs. */
  String line(long doneNow, long elapsedNanos) {
    double rate = rate(doneNow, elapsedNanos);
    long total = this.total.getAsLong();
    String amounts = unit.amount(doneNow) + "/" + unit.amount(total) + unit.suffix();
    String percent = total > 0 ? String.format(Locale.ROOT, "%.0f%%", 100.0 * doneNow / total) : "?%";
    String eta = "ETA " + (rate > 0 && doneNow <= total ? clock((total - doneNow) / rate) : "?");
    if (terminal) {
      int filled = total > 0 ? (int) Math.min(BAR_WIDTH, BAR_WIDTH * doneNow / total) : 0;
      String bar = "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
      return String.join(" ", label, bar, percent, amounts, unit.rate(rate), eta);
    }
    return label + ": " + amounts + " (" + percent + "), " + unit.rate(rate) + ", " + eta;
  }

  /** The closing line: amount done, time taken, mean rate. */
  String summary(long doneNow, long elapsedNanos) {
    long total = this.total.getAsLong();
    return String.format(Locale.ROOT, "%s: done %s in %s, %s", label, unit.amount(doneNow) + "/" + unit.amount(total) + unit.suffix(),
        clock(elapsedNanos / 1e9), unit.rate(rate(doneNow, elapsedNanos)));
  }

  private double rate(long doneNow, long elapsedNanos) {
    return elapsedNanos > 0 ? (doneNow - doneAtStart) / (elapsedNanos / 1e9) : 0;
  }

  /** Seconds as m:ss, or h:mm:ss from an hour on. */
  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
