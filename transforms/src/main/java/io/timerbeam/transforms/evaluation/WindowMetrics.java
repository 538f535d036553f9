package io.timerbeam.transforms.evaluation;

import java.io.Serializable;
import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The metrics of one (series, window, model). Steps whose actual is missing (NaN) are skipped
 * by every metric, so T below is the number of observed actuals. A metric that is undefined
 * (mape with a zero actual, mase with a zero scale, crps of a point forecaster...) is null.
 * Definitions: transforms/README-evaluation.md.
 */
public final class WindowMetrics implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double PERCENT = 100;

  /** By {@link Metric#ordinal()}; NaN = undefined. */
  private final double[] values;
  private final int evaluatedSteps;

  private WindowMetrics(double[] values, int evaluatedSteps) {
    this.values = values;
    this.evaluatedSteps = evaluatedSteps;
  }

  /**
   * Scores one forecast against the window's actuals.
   *
   * @param actuals NaN = missing, skipped; at least one observed
   * @param scale the in-sample scale of mase and msis ({@link SeasonalNaive#scale}); NaN or 0 = undefined
   */
  public static WindowMetrics score(double[] actuals, WindowForecast forecast, double scale) {
    if (actuals.length != forecast.steps()) {
      throw new IllegalArgumentException(actuals.length + " actuals for a forecast of " + forecast.steps() + " steps");
    }
    double[] f = forecast.point();
    double absError = 0;
    double squaredError = 0;
    double absPercentError = 0;
    double symmetricError = 0;
    double absActual = 0;
    boolean zeroActual = false;
    int observed = 0;
    for (int t = 0; t < actuals.length; t++) {
      double y = actuals[t];
      if (Double.isNaN(y)) {
        continue;
      }
      observed++;
      double e = Math.abs(y - f[t]);
      absError += e;
      squaredError += e * e;
      absActual += Math.abs(y);
      if (y == 0) {
        zeroActual = true;
      } else {
        absPercentError += e / Math.abs(y);
      }
      double denominator = Math.abs(y) + Math.abs(f[t]);
      symmetricError += denominator == 0 ? 0 : 2 * e / denominator;
    }
    if (observed == 0) {
      throw new IllegalArgumentException("all " + actuals.length + " actuals are missing: nothing to score");
    }
    double[] values = new double[Metric.values().length];
    Arrays.fill(values, Double.NaN);
    boolean scaled = scale > 0;
    values[Metric.MAE.ordinal()] = absError / observed;
    values[Metric.MSE.ordinal()] = squaredError / observed;
    values[Metric.RMSE.ordinal()] = Math.sqrt(squaredError / observed);
    values[Metric.MAPE.ordinal()] = zeroActual ? Double.NaN : PERCENT * absPercentError / observed;
    values[Metric.SMAPE.ordinal()] = PERCENT * symmetricError / observed;
    values[Metric.MASE.ordinal()] = scaled ? absError / observed / scale : Double.NaN;
    if (forecast.hasQuantiles() && absActual > 0) {
      values[Metric.CRPS.ordinal()] = weightedQuantileLoss(actuals, forecast) / absActual;
    }
    if (forecast.hasInterval()) {
      interval(actuals, forecast, observed, scaled ? scale : Double.NaN, values);
    }
    return new WindowMetrics(values, observed);
  }

  /** (1/|Q|) sum_q 2 sum_t rho_q(y_t, f_q,t), rho_q(y, f) = max(q(y-f), (q-1)(y-f)); divided by sum |y| by the caller. */
  private static double weightedQuantileLoss(double[] actuals, WindowForecast forecast) {
    double[] levels = forecast.levels();
    double[][] quantiles = forecast.quantileValues();
    double loss = 0;
    for (int q = 0; q < levels.length; q++) {
      for (int t = 0; t < actuals.length; t++) {
        if (!Double.isNaN(actuals[t])) {
          double d = actuals[t] - quantiles[q][t];
          loss += 2 * Math.max(levels[q] * d, (levels[q] - 1) * d);
        }
      }
    }
    return loss / levels.length;
  }

  /** Coverage, mean width and the scaled Gneiting-Raftery interval score (msis) at the confidence level. */
  private static void interval(double[] actuals, WindowForecast forecast, int observed, double scale, double[] values) {
    double[] lower = forecast.lower();
    double[] upper = forecast.upper();
    double alpha = 1 - forecast.confidenceLevel();
    int covered = 0;
    double width = 0;
    double score = 0;
    for (int t = 0; t < actuals.length; t++) {
      double y = actuals[t];
      if (Double.isNaN(y)) {
        continue;
      }
      if (lower[t] <= y && y <= upper[t]) {
        covered++;
      }
      width += upper[t] - lower[t];
      score += upper[t] - lower[t]
          + (y < lower[t] ? 2 / alpha * (lower[t] - y) : 0)
          + (y > upper[t] ? 2 / alpha * (y - upper[t]) : 0);
    }
    values[Metric.COVERAGE.ordinal()] = (double) covered / observed;
    values[Metric.INTERVAL_WIDTH.ordinal()] = width / observed;
    values[Metric.MSIS.ordinal()] = score / observed / scale;
  }

  /** The metric's value, null when undefined for this window and model. */
  public @Nullable Double get(Metric metric) {
    double v = values[metric.ordinal()];
    return Double.isNaN(v) ? null : v;
  }

  /** Steps with an observed actual: the T of every metric. */
  public int evaluatedSteps() {
    return evaluatedSteps;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("WindowMetrics{steps=").append(evaluatedSteps);
    for (Metric m : Metric.values()) {
      s.append(", ").append(m.columnName()).append('=').append(get(m));
    }
    return s.append('}').toString();
  }
}
