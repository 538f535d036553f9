package io.timerbeam.transforms.evaluation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Splits one series into rolling-origin backtest windows. The last window's actuals are the
 * series' last {@code horizon} steps; each earlier window's actuals start {@code step} steps
 * before the next one's. A window's cutoff is the step right before its actuals: the model sees
 * the points up to and including it (at most the context length, most recent kept). Immutable.
 */
public final class RollingWindows implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Default bound on the in-sample history kept per window for the MASE/MSIS scale: 11,520
   * points (the most recent are kept; never fewer than the context length).
   */
  public static final int DEFAULT_HISTORY_LIMIT = 11_520;

  private final int horizon;
  private final int windows;
  /** 0 = the horizon. */
  private final int step;
  private final int contextLength;
  private final int historyLimit;

  private RollingWindows(int horizon, int windows, int step, int contextLength, int historyLimit) {
    this.horizon = horizon;
    this.windows = windows;
    this.step = step;
    this.contextLength = contextLength;
    this.historyLimit = historyLimit;
  }

  /** One window of {@code horizon} steps whose model context holds at most {@code contextLength} points. */
  public static RollingWindows of(int horizon, int contextLength) {
    return new RollingWindows(positive("horizon", horizon), 1, 0, positive("context length", contextLength), DEFAULT_HISTORY_LIMIT);
  }

  public RollingWindows withWindows(int count) {
    return new RollingWindows(horizon, positive("windows", count), step, contextLength, historyLimit);
  }

  /** Steps between two windows' cutoffs; default the horizon (windows that do not overlap). */
  public RollingWindows withStep(int steps) {
    return new RollingWindows(horizon, windows, positive("step", steps), contextLength, historyLimit);
  }

  public RollingWindows withHistoryLimit(int points) {
    return new RollingWindows(horizon, windows, step, contextLength, positive("history limit", points));
  }

  public int horizon() {
    return horizon;
  }

  public int windows() {
    return windows;
  }

  public int step() {
    return step == 0 ? horizon : step;
  }

  public int contextLength() {
    return contextLength;
  }

  /** Points of history kept for the scale: the history limit, or the context length if longer. */
  public int historyLength() {
    return Math.max(historyLimit, contextLength);
  }

  /**
   * The windows of one series, oldest first, always {@link #windows()} of them.
   *
   * @param values the series on its grid, oldest first, NaN = missing step
   * @param timeOfStep the time (epoch millis) of grid step i, 0 = the first value; asked also
   *     for steps before the series for a too-short window's cutoff
   */
  public List<BacktestWindow> split(double[] values, LongUnaryOperator timeOfStep) {
    int n = values.length;
    List<BacktestWindow> out = new ArrayList<>(windows);
    for (int w = 0; w < windows; w++) {
      long stepsAfterActuals = (long) (windows - 1 - w) * step();
      long actualStart = n - horizon - stepsAfterActuals;
      long cutoff = actualStart - 1;
      long cutoffMillis = timeOfStep.applyAsLong(cutoff);
      if (cutoff < 0) {
        out.add(BacktestWindow.failure(w, cutoff, cutoffMillis, String.format(
            "series too short: %d point(s), window %d of %d needs at least %d (1 before its %d actuals and %d after them)",
            n, w + 1, windows, horizon + stepsAfterActuals + 1, horizon, stepsAfterActuals)));
        continue;
      }
      int end = (int) cutoff + 1;
      double[] context = Arrays.copyOfRange(values, Math.max(0, end - contextLength), end);
      double[] actuals = Arrays.copyOfRange(values, end, end + horizon);
      if (!anyObserved(context)) {
        out.add(BacktestWindow.failure(w, cutoff, cutoffMillis,
            "no observed point in the " + context.length + " context step(s) up to the cutoff"));
      } else if (!anyObserved(actuals)) {
        out.add(BacktestWindow.failure(w, cutoff, cutoffMillis, "all " + horizon + " actuals after the cutoff are missing"));
      } else {
        long[] actualMillis = new long[horizon];
        for (int h = 0; h < horizon; h++) {
          actualMillis[h] = timeOfStep.applyAsLong(end + h);
        }
        double[] history = Arrays.copyOfRange(values, Math.max(0, end - historyLength()), end);
        out.add(BacktestWindow.of(w, cutoff, cutoffMillis, context, actuals, actualMillis, history));
      }
    }
    return out;
  }

  private static boolean anyObserved(double[] values) {
    for (double v : values) {
      if (!Double.isNaN(v)) {
        return true;
      }
    }
    return false;
  }

  private static int positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException("backtest " + what + " must be at least 1, got " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return windows + " window(s) of " + horizon + " step(s), " + step() + " apart, context " + contextLength
        + ", history " + historyLength();
  }
}
