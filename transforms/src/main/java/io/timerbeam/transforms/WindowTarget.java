package io.timerbeam.transforms;

/**
 * What a backtest window's forecast is scored against, carried with its context through the
 * batching: the actuals after the cutoff (NaN = missing), the seasonal-naive forecast of the same
 * steps and the in-sample scale of MASE/MSIS (NaN = undefined). Both are computed where the
 * window is cut, so the history they need never travels. Arrays are not copied. One window per
 * series (its first) counts the series in the summary.
 */
final class WindowTarget {
  private final double[] actuals;
  private final double[] baseline;
  private final double scale;
  private final boolean countsSeries;

  WindowTarget(double[] actuals, double[] baseline, double scale, boolean countsSeries) {
    if (actuals.length != baseline.length) {
      throw new IllegalArgumentException(actuals.length + " actuals for a baseline of " + baseline.length + " steps");
    }
    this.actuals = actuals;
    this.baseline = baseline;
    this.scale = scale;
    this.countsSeries = countsSeries;
  }

  double[] actuals() {
    return actuals;
  }

  double[] baseline() {
    return baseline;
  }

  double scale() {
    return scale;
  }

  /** Whether this window is the one that counts its series in the summary. */
  boolean countsSeries() {
    return countsSeries;
  }
}
