package io.timerbeam.transforms.evaluation;

import java.util.Arrays;

/**
 * The predictive distribution of one forecast step, given by its quantiles, as the anomaly score
 * reads it (README "Anomalies"):
 *
 * <ul>
 *   <li>between the outermost quantiles, the CDF F is linear between consecutive quantiles; a
 *       value equal to one or more quantiles gets the mean of the lowest and highest of their
 *       levels (all quantiles equal c: F(c) = the levels' midpoint, 0.5 for symmetric levels);
 *   <li>beyond them, exponential tails through the two outermost quantiles on each side:
 *       F(y) = t1 exp((y - q1) / bL) below q1, with bL = (q2 - q1) / ln(t2 / t1), so that the tail
 *       also passes through (q2, t2); above, 1 - F(y) = (1 - tK) exp(-(y - qK) / bU), with
 *       bU = (qK - qK-1) / ln((1 - tK-1) / (1 - tK)). When the two outer quantiles coincide the
 *       tail is empty: every value beyond them has F = 0 (below) or 1 (above).
 * </ul>
 *
 * {@link #quantile} is the inverse of {@link #cdf} under the same rules. Immutable.
 */
public final class QuantileDistribution {
  /** A level this close to a quantile's is that quantile's: (1 - 0.8) / 2 is 0.09999999999999998 in double. */
  static final double LEVEL_TOLERANCE = 1e-9;
  private final double[] levels;
  private final double[] values;
  private final double lowerScale;
  private final double upperScale;

  private QuantileDistribution(double[] levels, double[] values) {
    this.levels = levels;
    this.values = values;
    int k = levels.length - 1;
    this.lowerScale = (values[1] - values[0]) / Math.log(levels[1] / levels[0]);
    this.upperScale = (values[k] - values[k - 1]) / Math.log((1 - levels[k - 1]) / (1 - levels[k]));
  }

  /**
   * @param levels at least two, strictly ascending, each in (0, 1)
   * @param values the quantile of each level, finite and non-decreasing (sort a model's raw quantiles first)
   */
  public static QuantileDistribution of(double[] levels, double[] values) {
    if (levels.length < 2 || levels.length != values.length) {
      throw new IllegalArgumentException("a quantile distribution needs at least two levels and one value per level, got "
          + levels.length + " level(s) and " + values.length + " value(s)");
    }
    for (int i = 0; i < levels.length; i++) {
      if (!(levels[i] > 0 && levels[i] < 1) || (i > 0 && !(levels[i] > levels[i - 1]))) {
        throw new IllegalArgumentException("quantile levels must be strictly ascending in (0, 1), got " + Arrays.toString(levels));
      }
      if (!Double.isFinite(values[i]) || (i > 0 && values[i] < values[i - 1])) {
        throw new IllegalArgumentException("quantile values must be finite and non-decreasing, got " + Arrays.toString(values));
      }
    }
    return new QuantileDistribution(levels.clone(), values.clone());
  }

  /** F(y), the level of {@code y} in the distribution; NaN for NaN. */
  public double cdf(double y) {
    int k = levels.length - 1;
    if (Double.isNaN(y)) {
      return Double.NaN;
    }
    if (y < values[0]) {
      return lowerScale == 0 ? 0 : levels[0] * Math.exp((y - values[0]) / lowerScale);
    }
    if (y > values[k]) {
      return upperScale == 0 ? 1 : 1 - (1 - levels[k]) * Math.exp(-(y - values[k]) / upperScale);
    }
    int lo = 0;
    while (values[lo] < y) {
      lo++;
    }
    if (values[lo] == y) {
      int hi = lo;
      while (hi < k && values[hi + 1] == y) {
        hi++;
      }
      return (levels[lo] + levels[hi]) / 2;
    }
    double fraction = (y - values[lo - 1]) / (values[lo] - values[lo - 1]);
    return levels[lo - 1] + fraction * (levels[lo] - levels[lo - 1]);
  }

  /** The value at level {@code p} in (0, 1): the inverse of {@link #cdf}. */
  public double quantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("a quantile level must be in (0, 1), got " + p);
    }
    int k = levels.length - 1;
    if (extrapolates(p) && p < levels[0]) {
      return values[0] + lowerScale * Math.log(p / levels[0]);
    }
    if (extrapolates(p)) {
      return values[k] - upperScale * Math.log((1 - p) / (1 - levels[k]));
    }
    int hi = 1;
    while (hi < k && levels[hi] < p) {
      hi++;
    }
    double fraction = Math.max(0, Math.min(1, (p - levels[hi - 1]) / (levels[hi] - levels[hi - 1])));
    return values[hi - 1] + fraction * (values[hi] - values[hi - 1]);
  }

  /** Whether level {@code p} lies beyond the outermost quantiles, so that {@link #quantile} extrapolates a tail. */
  public boolean extrapolates(double p) {
    return p < levels[0] - LEVEL_TOLERANCE || p > levels[levels.length - 1] + LEVEL_TOLERANCE;
  }

  /** |2 F(y) - 1|: 0 at the distribution's middle, towards 1 in either tail; NaN for NaN. */
  public double anomalyProbability(double y) {
    return Math.abs(2 * cdf(y) - 1);
  }
}
