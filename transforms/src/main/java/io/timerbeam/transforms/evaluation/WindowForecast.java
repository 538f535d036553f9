package io.timerbeam.transforms.evaluation;

import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One model's forecast of one window, in the form the metrics need: the point forecast (the
 * median for a quantile model), and for a quantile model its levels, values and the
 * prediction interval at its confidence level. Arrays are not copied: callers must not modify them.
 */
public final class WindowForecast {
  private final double[] point;
  private final double @Nullable [] levels;
  /** [level][step]. */
  private final double @Nullable [][] quantiles;
  private final double @Nullable [] lower;
  private final double @Nullable [] upper;
  private final double confidenceLevel;

  private WindowForecast(
      double[] point,
      double @Nullable [] levels,
      double @Nullable [][] quantiles,
      double @Nullable [] lower,
      double @Nullable [] upper,
      double confidenceLevel) {
    this.point = point;
    this.levels = levels;
    this.quantiles = quantiles;
    this.lower = lower;
    this.upper = upper;
    this.confidenceLevel = confidenceLevel;
  }

  /** A point forecaster's (e.g. Timer-XL): point metrics only; crps, coverage and msis are null. */
  public static WindowForecast point(double[] forecast) {
    return new WindowForecast(finite("forecast", forecast), null, null, null, null, Double.NaN);
  }

  /**
   * The seasonal-naive baseline: point metrics, and a crps taken with every quantile equal to
   * the forecast over the compared model's levels ({@code crpsLevels}; none = crps null).
   */
  public static WindowForecast baseline(double[] forecast, double[] crpsLevels) {
    finite("forecast", forecast);
    if (crpsLevels.length == 0) {
      return point(forecast);
    }
    double[][] quantiles = new double[crpsLevels.length][];
    Arrays.fill(quantiles, forecast);
    return new WindowForecast(forecast, checkedLevels(crpsLevels), quantiles, null, null, Double.NaN);
  }

  /**
   * A quantile forecaster's.
   *
   * @param median the point forecast (forecast_value)
   * @param levels the quantile levels, each in (0, 1)
   * @param quantiles [level][step], the values of each level
   * @param lower the interval's lower bound at {@code confidenceLevel} (level (1-c)/2)
   * @param upper the interval's upper bound (level (1+c)/2)
   */
  public static WindowForecast quantiles(
      double[] median, double[] levels, double[][] quantiles, double[] lower, double[] upper, double confidenceLevel) {
    int steps = finite("median", median).length;
    checkedLevels(levels);
    if (quantiles.length != levels.length) {
      throw new IllegalArgumentException(quantiles.length + " quantile rows for " + levels.length + " levels");
    }
    for (int q = 0; q < levels.length; q++) {
      sameLength("quantile " + levels[q], finite("quantile " + levels[q], quantiles[q]), steps);
    }
    sameLength("lower bound", finite("lower bound", lower), steps);
    sameLength("upper bound", finite("upper bound", upper), steps);
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1), got " + confidenceLevel);
    }
    return new WindowForecast(median, levels, quantiles, lower, upper, confidenceLevel);
  }

  double[] point() {
    return point;
  }

  int steps() {
    return point.length;
  }

  boolean hasQuantiles() {
    return quantiles != null;
  }

  double[] levels() {
    return levels;
  }

  double[][] quantileValues() {
    return quantiles;
  }

  boolean hasInterval() {
    return lower != null;
  }

  double[] lower() {
    return lower;
  }

  double[] upper() {
    return upper;
  }

  double confidenceLevel() {
    return confidenceLevel;
  }

  private static double[] checkedLevels(double[] levels) {
    for (double level : levels) {
      if (!(level > 0 && level < 1)) {
        throw new IllegalArgumentException("quantile levels must be in (0, 1), got " + Arrays.toString(levels));
      }
    }
    return levels;
  }

  private static double[] finite(String what, double[] values) {
    for (int h = 0; h < values.length; h++) {
      if (!Double.isFinite(values[h])) {
        throw new IllegalArgumentException(what + " at horizon step " + (h + 1) + " is " + values[h] + ", not a finite number");
      }
    }
    return values;
  }

  private static void sameLength(String what, double[] values, int steps) {
    if (values.length != steps) {
      throw new IllegalArgumentException(what + " has " + values.length + " steps, the median " + steps);
    }
  }
}
