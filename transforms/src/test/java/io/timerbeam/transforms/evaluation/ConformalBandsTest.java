package io.timerbeam.transforms.evaluation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/**
 * The conformal F(y) worked out by hand (README "Anomalies"); tolerance 1e-12 (a few operations
 * on numbers below 200).
 */
public class ConformalBandsTest {
  private static final double TOLERANCE = 1e-12;
  /** Errors 3, 1, 2 (n = 3, denominator 4) around the forecast 100. */
  private static final QuantileDistribution F = ConformalBands.of(new double[] {3, 1, 2}).around(100);

  @Test
  public void theProbabilityOfADeviationIsItsRankAmongTheCalibrationErrors() {
    // G(1) = 1/4, G(2) = 2/4, G(3) = 3/4, on either side of the forecast.
    assertEquals(0.25, F.anomalyProbability(101), TOLERANCE);
    assertEquals(0.25, F.anomalyProbability(99), TOLERANCE);
    assertEquals(0.5, F.anomalyProbability(98), TOLERANCE);
    assertEquals(0.75, F.anomalyProbability(103), TOLERANCE);
    assertEquals(0.875, F.cdf(103), TOLERANCE);
    assertEquals(0.125, F.cdf(97), TOLERANCE);
    // Linear between: G(2.5) = 5/8; between 0 and the smallest error: G(0.5) = 1/8.
    assertEquals(0.625, F.anomalyProbability(102.5), TOLERANCE);
    assertEquals(0.125, F.anomalyProbability(100.5), TOLERANCE);
    assertEquals(0.5, F.cdf(100), TOLERANCE);
  }

  @Test
  public void beyondTheLargestErrorTheTailHalvesPerSpacingOfTheTwoLargest() {
    // b = (3 - 2) / ln 2: 1 - G(4) = exp(-ln 2) / 4 = 1/8, 1 - G(5) = 1/16.
    assertEquals(0.875, F.anomalyProbability(104), TOLERANCE);
    assertEquals(0.9375, F.anomalyProbability(95), TOLERANCE);
    // The 0.95 bounds lie in the tail: 1 - G(s) = 0.05 at s = 3 + ln(0.25 / 0.05) / ln 2 = 3 + log2 5.
    double s = 3 + Math.log(5) / Math.log(2);
    assertEquals(100 + s, F.quantile(0.975), TOLERANCE);
    assertEquals(100 - s, F.quantile(0.025), TOLERANCE);
    assertTrue(F.extrapolates(0.975));
    // With 19 errors 0.95 = 19/20 is the largest one's level: no extrapolation.
    double[] nineteen = new double[19];
    for (int i = 0; i < 19; i++) {
      nineteen[i] = i + 1;
    }
    QuantileDistribution wide = ConformalBands.of(nineteen).around(0);
    assertFalse(wide.extrapolates(0.975));
    assertEquals(19, wide.quantile(0.975), TOLERANCE);
    assertEquals(0.95, wide.anomalyProbability(-19), TOLERANCE);
  }

  @Test
  public void equalLargestErrorsLeaveNoTailAndZeroErrorsAPointMass() {
    QuantileDistribution flat = ConformalBands.of(new double[] {2, 2}).around(10);
    assertEquals(1, flat.anomalyProbability(12.001), TOLERANCE);
    // Both errors equal 2: a value at forecast + 2 gets the mean of their levels, G = (1/3 + 2/3) / 2.
    assertEquals(0.5, flat.anomalyProbability(12), TOLERANCE);
    QuantileDistribution exact = ConformalBands.of(new double[] {0, 0, 0}).around(5);
    assertEquals(0, exact.anomalyProbability(5), TOLERANCE);
    assertEquals(1, exact.anomalyProbability(5.5), TOLERANCE);
  }

  @Test
  public void tooFewOrInvalidErrorsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ConformalBands.of(new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> ConformalBands.of(new double[] {1, Double.NaN}));
    assertThrows(IllegalArgumentException.class, () -> ConformalBands.of(new double[] {-1, 2}));
  }
}
