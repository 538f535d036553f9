package io.timerbeam.transforms;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a window's forecast is scored against, carried with its context through the batching: the
 * actuals after the cutoff (NaN = missing); for a backtest window the seasonal-naive forecast of
 * the same steps and the in-sample scale of MASE/MSIS (NaN = undefined), computed where the
 * window is cut so the history they need never travels; for an anomaly window which steps are
 * target rows to score, or that it calibrates conformal bands. Arrays are not copied. One backtest window per series (its first) counts
 * the series in the summary.
 */
final class WindowTarget {
  private final double[] actuals;
  private final double[] baseline;
  private final double scale;
  private final boolean countsSeries;
  private final boolean @Nullable [] scoredSteps;
  private final boolean calibration;

  WindowTarget(double[] actuals, double[] baseline, double scale, boolean countsSeries) {
    this(actuals, baseline, scale, countsSeries, null, false);
    if (actuals.length != baseline.length) {
      throw new IllegalArgumentException(actuals.length + " actuals for a baseline of " + baseline.length + " steps");
    }
  }

  private WindowTarget(double[] actuals, double[] baseline, double scale, boolean countsSeries, boolean @Nullable [] scoredSteps,
      boolean calibration) {
    this.actuals = actuals;
    this.baseline = baseline;
    this.scale = scale;
    this.countsSeries = countsSeries;
    this.scoredSteps = scoredSteps;
    this.calibration = calibration;
  }

  /** An anomaly window: {@code scoredSteps[h]} says whether step h is a target row (its actual NaN when its value is null). */
  static WindowTarget anomalySteps(double[] actuals, boolean[] scoredSteps) {
    if (actuals.length != scoredSteps.length) {
      throw new IllegalArgumentException(actuals.length + " actuals for " + scoredSteps.length + " step flags");
    }
    return new WindowTarget(actuals, new double[0], Double.NaN, false, scoredSteps, false);
  }

  /** A conformal calibration window before the target: its actuals give errors, no step is scored. */
  static WindowTarget calibrationSteps(double[] actuals) {
    return new WindowTarget(actuals, new double[0], Double.NaN, false, new boolean[actuals.length], true);
  }

  /** Whether this is a conformal calibration window ({@link #calibrationSteps}), an anomaly window too. */
  boolean isCalibrationWindow() {
    return calibration;
  }

  /** Whether this is an anomaly window ({@link #anomalySteps}) rather than a backtest window. */
  boolean isAnomalyWindow() {
    return scoredSteps != null;
  }

  /** An anomaly window's target steps; see {@link #anomalySteps}. */
  boolean[] scoredSteps() {
    if (scoredSteps == null) {
      throw new IllegalStateException("a backtest window has no anomaly target steps");
    }
    return scoredSteps;
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
