package io.timerbeam.transforms.evaluation;

import java.util.Arrays;

/**
 * Split-conformal bands around a point forecast (README "Anomalies"): the distribution of the
 * absolute error |y - forecast| is read from n calibration errors a(1) <= ... <= a(n) of the same
 * forecaster on windows before the target, with the conformal denominator n + 1:
 *
 * <ul>
 *   <li>G(a(i)) = i / (n + 1), G(0) = 0, linear in between;
 *   <li>beyond a(n) an exponential tail through the two largest errors:
 *       1 - G(s) = exp(-(s - a(n)) / b) / (n + 1), b = (a(n) - a(n-1)) / ln 2 (empty when they are equal:
 *       G = 1 beyond a(n));
 *   <li>F(y) = 1/2 + sign(y - forecast) G(|y - forecast|) / 2, symmetric around the forecast, so
 *       {@code anomaly_probability} = |2F - 1| = G(|y - forecast|).
 * </ul>
 *
 * That is a {@link QuantileDistribution} with the 2n + 1 levels i / (2(n + 1)), i = 1..2n+1, at the
 * forecast -/+ the errors: its linear pieces and tails are exactly the rules above. Under
 * exchangeable errors a point flagged at threshold t = k / (n + 1) has probability at most 1 - t.
 * Immutable.
 */
public final class ConformalBands {
  /** Fewer errors leave no spacing for the tail. */
  public static final int MIN_ERRORS = 2;
  private final double[] levels;
  /** offsets[i]: the quantile at levels[i] minus the forecast. */
  private final double[] offsets;

  private ConformalBands(double[] levels, double[] offsets) {
    this.levels = levels;
    this.offsets = offsets;
  }

  /**
   * @param absoluteErrors finite, non-negative, any order, at least {@link #MIN_ERRORS}
   */
  public static ConformalBands of(double[] absoluteErrors) {
    int n = absoluteErrors.length;
    if (n < MIN_ERRORS) {
      throw new IllegalArgumentException("conformal bands need at least " + MIN_ERRORS + " calibration errors, got " + n);
    }
    double[] a = absoluteErrors.clone();
    Arrays.sort(a);
    if (!(a[0] >= 0) || !Double.isFinite(a[n - 1])) {
      throw new IllegalArgumentException("calibration errors must be finite and non-negative, got " + a[0] + " .. " + a[n - 1]);
    }
    double[] levels = new double[2 * n + 1];
    double[] offsets = new double[2 * n + 1];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = (i + 1) / (2.0 * (n + 1));
    }
    for (int i = 0; i < n; i++) {
      offsets[n - 1 - i] = -a[i];
      offsets[n + 1 + i] = a[i];
    }
    return new ConformalBands(levels, offsets);
  }

  /** Calibration errors behind the bands. */
  public int errors() {
    return (levels.length - 1) / 2;
  }

  /** The levels, ascending. Not copied: callers must not modify it. */
  public double[] levels() {
    return levels;
  }

  /** The quantiles at {@link #levels()} around {@code forecast}, ascending. */
  public double[] quantiles(double forecast) {
    double[] out = new double[offsets.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = forecast + offsets[i];
    }
    return out;
  }

  /** The distribution around {@code forecast}. */
  public QuantileDistribution around(double forecast) {
    return QuantileDistribution.of(levels, quantiles(forecast));
  }
}
