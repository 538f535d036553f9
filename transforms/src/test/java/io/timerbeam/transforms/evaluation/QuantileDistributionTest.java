package io.timerbeam.transforms.evaluation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/**
 * Expected values worked out by hand in the comments; tolerance 1e-12 (rounding of a few
 * operations on numbers below 200).
 */
public class QuantileDistributionTest {
  private static final double TOLERANCE = 1e-12;
  private static final double[] LEVELS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
  /** q(t) = 100 t: F is the identity / 100 between 10 and 90. */
  private static final QuantileDistribution LINEAR =
      QuantileDistribution.of(LEVELS, new double[] {10, 20, 30, 40, 50, 60, 70, 80, 90});

  @Test
  public void betweenQuantilesTheCdfInterpolatesLinearly() {
    assertEquals(0.55, LINEAR.cdf(55), TOLERANCE);
    assertEquals(0.1, LINEAR.cdf(10), TOLERANCE);
    assertEquals(0.9, LINEAR.cdf(90), TOLERANCE);
    assertEquals(0.123, LINEAR.cdf(12.3), TOLERANCE);
    assertEquals(55, LINEAR.quantile(0.55), TOLERANCE);
    // Uneven spacing: between q30 = 30 and q40 = 60, y = 45 is half-way, F = 0.35.
    QuantileDistribution uneven = QuantileDistribution.of(new double[] {0.1, 0.3, 0.4, 0.9}, new double[] {0, 30, 60, 100});
    assertEquals(0.35, uneven.cdf(45), TOLERANCE);
    assertEquals(45, uneven.quantile(0.35), TOLERANCE);
  }

  @Test
  public void exponentialTailsPassThroughTheTwoOuterQuantiles() {
    // Lower tail: bL = (20 - 10) / ln(0.2 / 0.1) = 10 / ln 2, so F(0) = 0.1 exp(-ln 2) = 0.05 and
    // F(-10) = 0.025; the upper tail mirrors it: bU = 10 / ln(0.2 / 0.1), 1 - F(100) = 0.05.
    assertEquals(0.05, LINEAR.cdf(0), TOLERANCE);
    assertEquals(0.025, LINEAR.cdf(-10), TOLERANCE);
    assertEquals(0.95, LINEAR.cdf(100), TOLERANCE);
    assertEquals(0.975, LINEAR.cdf(110), TOLERANCE);
    assertEquals(-10, LINEAR.quantile(0.025), 1e-9);
    assertEquals(110, LINEAR.quantile(0.975), 1e-9);
    // The tails decay: far values get levels near 0 and 1, never beyond.
    assertTrue(LINEAR.cdf(-1e6) >= 0 && LINEAR.cdf(-1e6) < 1e-300);
    assertEquals(1.0, LINEAR.cdf(1e6), TOLERANCE);
    // Asymmetric spacing: the upper tail uses q80 = 80, q90 = 120: bU = 40 / ln 2, 1 - F(160) = 0.05.
    QuantileDistribution skewed = QuantileDistribution.of(new double[] {0.1, 0.8, 0.9}, new double[] {10, 80, 120});
    assertEquals(0.95, skewed.cdf(160), TOLERANCE);
  }

  @Test
  public void boundsBeyondTheQuantilesAreExtrapolated() {
    // Threshold 0.8: levels 0.1 and 0.9, the model's own q10 and q90.
    assertEquals(10, LINEAR.quantile(0.1), TOLERANCE);
    assertEquals(90, LINEAR.quantile(0.9), TOLERANCE);
    assertFalse(LINEAR.extrapolates(0.1));
    assertFalse(LINEAR.extrapolates(0.9));
    // (1 - 0.8) / 2 rounds to 0.09999999999999998: still the model's q10, not a tail.
    assertFalse(LINEAR.extrapolates((1 - 0.8) / 2));
    assertEquals(10, LINEAR.quantile((1 - 0.8) / 2), TOLERANCE);
    assertEquals(90, LINEAR.quantile((1 + 0.8) / 2), TOLERANCE);
    // Threshold 0.95: levels 0.025 and 0.975, beyond q10..q90.
    assertTrue(LINEAR.extrapolates(0.025));
    assertTrue(LINEAR.extrapolates(0.975));
    assertThrows(IllegalArgumentException.class, () -> LINEAR.quantile(1));
  }

  @Test
  public void theProbabilityIsTwiceTheDistanceFromTheMedianLevel() {
    assertEquals(0, LINEAR.anomalyProbability(50), TOLERANCE);
    assertEquals(0.8, LINEAR.anomalyProbability(90), TOLERANCE);
    assertEquals(0.8, LINEAR.anomalyProbability(10), TOLERANCE);
    assertEquals(0.95, LINEAR.anomalyProbability(-10), TOLERANCE);
    // At the bound of threshold 0.8 the probability is exactly 0.8 in double: not above it.
    assertEquals(0.8, LINEAR.anomalyProbability(90), 0);
    assertTrue(LINEAR.anomalyProbability(90.000001) > 0.8);
  }

  @Test
  public void aConstantForecastHasNoSpread() {
    QuantileDistribution constant = QuantileDistribution.of(LEVELS, new double[] {5, 5, 5, 5, 5, 5, 5, 5, 5});
    assertEquals(0.5, constant.cdf(5), TOLERANCE); // (0.1 + 0.9) / 2
    assertEquals(0, constant.anomalyProbability(5), TOLERANCE);
    assertEquals(1, constant.anomalyProbability(5.000001), 0);
    assertEquals(1, constant.anomalyProbability(4.999999), 0);
    assertEquals(5, constant.quantile(0.025), 0);
    assertEquals(5, constant.quantile(0.975), 0);
    // Tied inner quantiles: F at the tie is the mean of its levels, 0.3..0.6 -> 0.45.
    QuantileDistribution tied = QuantileDistribution.of(LEVELS, new double[] {1, 2, 3, 3, 3, 3, 7, 8, 9});
    assertEquals(0.45, tied.cdf(3), TOLERANCE);
  }

  @Test
  public void aMissingValueHasNoLevel() {
    assertTrue(Double.isNaN(LINEAR.cdf(Double.NaN)));
    assertTrue(Double.isNaN(LINEAR.anomalyProbability(Double.NaN)));
  }

  @Test
  public void badQuantilesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> QuantileDistribution.of(new double[] {0.5}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> QuantileDistribution.of(new double[] {0.1, 0.9}, new double[] {2, 1}));
    assertThrows(IllegalArgumentException.class, () -> QuantileDistribution.of(new double[] {0.9, 0.1}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> QuantileDistribution.of(new double[] {0.1, 0.9}, new double[] {1, Double.NaN}));
  }
}
