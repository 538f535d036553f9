package io.timerbeam.transforms;

/**
 * What a backtest window's forecast is scored against, carried with its context through the
 * batching: the actuals after the cutoff (NaN = missing), the seasonal-naive forecast of the same
 * steps and the in-sample scale of MASE/MSIS (NaN = undefined). Both are computed where the
 * window is cut, so the history they need never travels. Arrays are not copied.
 */
final class WindowTarget {
  private final double[] actuals;
  private final double[] baseline;
  private final double scale;

  WindowTarget(double[] actuals, double[] baseline, double scale) {
    if (actuals.length != baseline.length) {
      throw new IllegalArgumentException(actuals.length + " actuals for a baseline of " + baseline.length + " steps");
    }
    this.actuals = actuals;
    this.baseline = baseline;
    this.scale = scale;
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
}
