package io.timerbeam.cli.progress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

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
  /** Read at every report: it may still grow while {@link #waiting} says what is happening instead. */
  private final LongSupplier total;
  private final Unit unit;
  private final LongSupplier done;
  private final PrintWriter out;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  /** Null while the work is counted; else what it is doing instead (reading, writing), shown in place of the counts. */
  private final Supplier<String> waiting;
  /** What the counted phase is called in the closing line ("forecasting"). */
  private final String countedPhase;
  private final long startNanos;
  /** When counting was first seen (-1: not yet), and what was done then: the rate counts only what was done since. */
  private long countingSinceNanos = -1;
  private long doneAtCountingStart;
  /** When counting was last seen, and what was done then: the closing line's rate is that of the counted phase. */
  private long countingUntilNanos = -1;
  private long doneAtCountingEnd;
  private ScheduledExecutorService ticker;
  private int lastLineLength;
  private boolean closed;

  ProgressReporter(String label, LongSupplier total, Unit unit, LongSupplier done, PrintWriter out, boolean terminal, LongSupplier nanoClock) {
    this(label, total, unit, done, () -> null, "counting", out, terminal, nanoClock);
  }

  ProgressReporter(String label, LongSupplier total, Unit unit, LongSupplier done, Supplier<String> waiting, String countedPhase,
      PrintWriter out, boolean terminal, LongSupplier nanoClock) {
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.done = done;
    this.waiting = waiting;
    this.countedPhase = countedPhase;
    this.out = out;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
    // Work already done before the start (a resumed download) does not count towards the rate.
    observe(startNanos);
  }

  /** Starts reporting to {@code out}: a live line when this process has a terminal, a line every 10 s otherwise. */
  public static ProgressReporter start(String label, long total, Unit unit, LongSupplier done, PrintWriter out) {
    return start(label, () -> total, unit, done, out);
  }

  /** As above, with a total that is read anew at every report. */
  public static ProgressReporter start(String label, LongSupplier total, Unit unit, LongSupplier done, PrintWriter out) {
    return start(label, total, unit, done, () -> null, "counting", out);
  }

  /**
   * As above, for work that is counted only in one phase: while {@code waiting} gives a text (e.g.
   * "reading and assembling series: 1200 so far", "writing the outputs"), the line shows it instead
   * of counts, percent and ETA, and the rate counts only what was done while it gave null, the
   * phase the closing line calls {@code countedPhase}.
   */
  public static ProgressReporter start(String label, LongSupplier total, Unit unit, LongSupplier done, Supplier<String> waiting,
      String countedPhase, PrintWriter out) {
    boolean terminal = System.console() != null;
    ProgressReporter reporter = new ProgressReporter(label, total, unit, done, waiting, countedPhase, out, terminal, System::nanoTime);
    reporter.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress-" + label);
      t.setDaemon(true);
      return t;
    });
    long every = terminal ? TERMINAL_EVERY_MS : LOG_EVERY_MS;
    reporter.ticker.scheduleAtFixedRate(reporter::report, every, every, TimeUnit.MILLISECONDS);
    return reporter;
  }

  /** Notes whether the work is being counted now; returns what it is doing instead, or null. */
  private String observe(long nowNanos) {
    String instead = waiting.get();
    if (instead == null) {
      long doneNow = done.getAsLong();
      if (countingSinceNanos < 0) {
        countingSinceNanos = nowNanos;
        doneAtCountingStart = doneNow;
      }
      countingUntilNanos = nowNanos;
      doneAtCountingEnd = doneNow;
    }
    return instead;
  }

  /** Prints the current state now (live line or log line). */
  public synchronized void report() {
    if (closed) {
      return; // a tick that waited for close() to finish
    }
    long now = nanoClock.getAsLong();
    String instead = observe(now);
    String line = instead != null ? label + ": " + instead : line(done.getAsLong(), now - startNanos);
    if (terminal) {
      // Pad so a shorter line fully covers the previous one.
      out.print("\r" + line + " ".repeat(Math.max(0, lastLineLength - line.length())));
      lastLineLength = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Stops the periodic reports and clears the live line without a closing line: the work failed. */
  public synchronized void abandon() {
    closed = true;
    if (ticker != null) {
      ticker.shutdownNow();
    }
    clearLiveLine();
    out.flush();
  }

  /** Stops the periodic reports and prints the summary (nothing after {@link #abandon}). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ticker != null) {
      ticker.shutdownNow();
    }
    clearLiveLine();
    long now = nanoClock.getAsLong();
    observe(now);
    out.println(summary(done.getAsLong(), now - startNanos));
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

  /**
   * The closing line: amount done, time taken, and the rate over the counted phase (all of it for
   * work counted from its start); none when the counting was never seen (a runner that reports its
   * counts only when the job has ended).
   */
  String summary(long doneNow, long elapsedNanos) {
    long total = this.total.getAsLong();
    String line = String.format(Locale.ROOT, "%s: done %s in %s", label, unit.amount(doneNow) + "/" + unit.amount(total) + unit.suffix(),
        clock(elapsedNanos / 1e9));
    if (countingSinceNanos == startNanos) {
      return line + ", " + unit.rate(rate(doneNow, elapsedNanos));
    }
    long counted = countingUntilNanos - countingSinceNanos;
    if (countingSinceNanos < 0 || counted <= 0) {
      return line;
    }
    return line + String.format(Locale.ROOT, "; %s %s at %s", countedPhase, clock(counted / 1e9),
        unit.rate((doneAtCountingEnd - doneAtCountingStart) / (counted / 1e9)));
  }

  /** The rate since counting began. */
  private double rate(long doneNow, long elapsedNanos) {
    long countedNanos = startNanos + elapsedNanos - countingSinceNanos;
    return countingSinceNanos >= 0 && countedNanos > 0 ? (doneNow - doneAtCountingStart) / (countedNanos / 1e9) : 0;
  }

  /** Seconds as m:ss, or h:mm:ss from an hour on. */
  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
