package io.timerbeam.transforms.evaluation;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One rolling-origin window of one series: what the model may see (the context), what it is
 * scored against (the actuals after the cutoff) and the in-sample history that scales MASE and
 * MSIS; or, when the series cannot hold the window, the reason. Arrays are not copied: callers
 * must not modify them.
 */
public final class BacktestWindow {
  private final int number;
  private final long cutoffIndex;
  private final long cutoffMillis;
  private final double @Nullable [] context;
  private final double @Nullable [] actuals;
  private final long @Nullable [] actualMillis;
  private final double @Nullable [] history;
  private final @Nullable String failureReason;

  private BacktestWindow(
      int number,
      long cutoffIndex,
      long cutoffMillis,
      double @Nullable [] context,
      double @Nullable [] actuals,
      long @Nullable [] actualMillis,
      double @Nullable [] history,
      @Nullable String failureReason) {
    this.number = number;
    this.cutoffIndex = cutoffIndex;
    this.cutoffMillis = cutoffMillis;
    this.context = context;
    this.actuals = actuals;
    this.actualMillis = actualMillis;
    this.history = history;
    this.failureReason = failureReason;
  }

  static BacktestWindow of(
      int number, long cutoffIndex, long cutoffMillis, double[] context, double[] actuals, long[] actualMillis, double[] history) {
    return new BacktestWindow(number, cutoffIndex, cutoffMillis, context, actuals, actualMillis, history, null);
  }

  static BacktestWindow failure(int number, long cutoffIndex, long cutoffMillis, String reason) {
    return new BacktestWindow(number, cutoffIndex, cutoffMillis, null, null, null, null, reason);
  }

  /** 0 for the oldest window, windows - 1 for the one whose actuals end the series. */
  public int number() {
    return number;
  }

  /**
   * The cutoff's step on the series' grid, 0 = the first point; negative when the series is too
   * short (the step the cutoff would need).
   */
  public long cutoffIndex() {
    return cutoffIndex;
  }

  /** The time of the cutoff step, also for a failed window (then possibly before the series starts). */
  public long cutoffMillis() {
    return cutoffMillis;
  }

  public boolean failed() {
    return failureReason != null;
  }

  /** Why the window cannot be evaluated; only for a failed window. */
  public String failureReason() {
    if (failureReason == null) {
      throw new IllegalStateException("window " + number + " did not fail");
    }
    return failureReason;
  }

  /** The points up to and including the cutoff, at most the context length, oldest first, NaN = missing. */
  public double[] context() {
    return present(context);
  }

  /** The horizon's points after the cutoff, NaN = missing (metrics skip those steps). */
  public double[] actuals() {
    return present(actuals);
  }

  /** The time of each actual. */
  public long[] actualMillis() {
    return present(actualMillis);
  }

  /** The in-sample points up to and including the cutoff, at most the history limit, for the MASE scale. */
  public double[] history() {
    return present(history);
  }

  private <T> T present(@Nullable T part) {
    if (part == null) {
      throw new IllegalStateException("window " + number + " failed (" + failureReason + "): it has no data");
    }
    return part;
  }
}
