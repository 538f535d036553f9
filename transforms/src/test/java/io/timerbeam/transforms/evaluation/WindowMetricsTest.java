package io.timerbeam.transforms.evaluation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** Every expected value is worked out by hand in the comments; tolerance 1e-9 (rounding only). */
public class WindowMetricsTest {
  private static final double TOLERANCE = 1e-9;
  private static final double NAN = Double.NaN;
  private static final double[] LEVELS = {0.1, 0.5, 0.9};

  // Step 3's actual is missing: T = 3 observed steps, errors |10-12| = 2, |20-20| = 0, |40-30| = 10.
  private static final double[] Y = {10, 20, NAN, 40};
  private static final double[] F = {12, 20, 99, 30};
  private static final double[] Q10 = {8, 18, 0, 35};
  private static final double[] Q90 = {14, 25, 0, 38};
  private static final double SCALE = 5;

  private static WindowForecast quantileModel() {
    return WindowForecast.quantiles(F, LEVELS, new double[][] {Q10, F, Q90}, Q10, Q90, 0.8);
  }

  @Test
  public void pointMetricsSkipTheMissingActual() {
    WindowMetrics m = WindowMetrics.score(Y, WindowForecast.point(F), SCALE);
    assertEquals(3, m.evaluatedSteps());
    assertEquals(12.0 / 3, m.get(Metric.MAE), TOLERANCE);
    assertEquals(104.0 / 3, m.get(Metric.MSE), TOLERANCE); // (4 + 0 + 100) / 3
    assertEquals(Math.sqrt(104.0 / 3), m.get(Metric.RMSE), TOLERANCE);
    assertEquals(15, m.get(Metric.MAPE), TOLERANCE); // 100/3 (2/10 + 0/20 + 10/40)
    assertEquals(100.0 / 3 * (4.0 / 22 + 20.0 / 70), m.get(Metric.SMAPE), TOLERANCE); // 2|e|/(|y|+|f|)
    assertEquals(0.8, m.get(Metric.MASE), TOLERANCE); // 4 / 5
  }

  @Test
  public void aPointForecasterHasNoProbabilisticMetrics() {
    WindowMetrics m = WindowMetrics.score(Y, WindowForecast.point(F), SCALE);
    assertNull(m.get(Metric.CRPS));
    assertNull(m.get(Metric.COVERAGE));
    assertNull(m.get(Metric.INTERVAL_WIDTH));
    assertNull(m.get(Metric.MSIS));
  }

  @Test
  public void crpsIsTheWeightedQuantileLoss() {
    // rho_q(y, f) = max(q d, (q-1) d), d = y - f, over the observed steps 1, 2, 4:
    // q10: d = 2, 2, 5 -> 0.2 + 0.2 + 0.5 = 0.9; q50: d = -2, 0, 10 -> 1 + 0 + 5 = 6;
    // q90: d = -4, -5, 2 -> 0.4 + 0.5 + 1.8 = 2.7. (2/3)(0.9 + 6 + 2.7) = 6.4; sum |y| = 70.
    assertEquals(6.4 / 70, WindowMetrics.score(Y, quantileModel(), SCALE).get(Metric.CRPS), TOLERANCE);
  }

  @Test
  public void intervalMetricsAtTheConfidenceLevel() {
    WindowMetrics m = WindowMetrics.score(Y, quantileModel(), SCALE);
    // [8, 14] holds 10, [18, 25] holds 20, [35, 38] misses 40.
    assertEquals(2.0 / 3, m.get(Metric.COVERAGE), TOLERANCE);
    assertEquals(16.0 / 3, m.get(Metric.INTERVAL_WIDTH), TOLERANCE); // (6 + 7 + 3) / 3
    // alpha = 0.2, 2/alpha = 10: (6 + 7 + (3 + 10 * (40 - 38))) / 3 = 12, / scale 5.
    assertEquals(2.4, m.get(Metric.MSIS), TOLERANCE);
    assertEquals(0.8, m.get(Metric.MASE), TOLERANCE);
  }

  @Test
  public void msisPenalisesBothSidesAndBoundsCountAsCovered() {
    double[] y = {0, 10, 20};
    double[] lower = {1, 10, 15};
    double[] upper = {3, 12, 20};
    WindowForecast f = WindowForecast.quantiles(new double[] {2, 11, 17}, new double[] {0.05, 0.5, 0.95},
        new double[][] {lower, {2, 11, 17}, upper}, lower, upper, 0.9);
    WindowMetrics m = WindowMetrics.score(y, f, 1);
    assertEquals(2.0 / 3, m.get(Metric.COVERAGE), TOLERANCE); // 10 on its lower bound, 20 on its upper
    // 2/alpha = 20: (2 + 20 * (1 - 0)) + 2 + 5 = 29, / 3.
    assertEquals(29.0 / 3, m.get(Metric.MSIS), TOLERANCE);
  }

  @Test
  public void theBaselineCrpsTakesEveryQuantileEqualToItsForecast() {
    WindowMetrics m = WindowMetrics.score(Y, WindowForecast.baseline(F, LEVELS), SCALE);
    // d = -2, 0, 10: q10 2*(1.8 + 1.0) = 5.6; q50 2*(1 + 5) = 12; q90 2*(0.2 + 9) = 18.4; mean 12; / 70.
    // With levels symmetric about 0.5 this is sum |e| / sum |y|.
    assertEquals(12.0 / 70, m.get(Metric.CRPS), TOLERANCE);
    assertNull(m.get(Metric.COVERAGE));
    assertNull(m.get(Metric.MSIS));
    assertNull(WindowMetrics.score(Y, WindowForecast.baseline(F, new double[0]), SCALE).get(Metric.CRPS));
  }

  @Test
  public void tiesScoreZero() {
    double[] y = {5, 0, 7};
    WindowMetrics m = WindowMetrics.score(y, WindowForecast.quantiles(y, LEVELS, new double[][] {y, y, y}, y, y, 0.8), 2);
    assertEquals(0, m.get(Metric.MAE), 0);
    assertEquals(0, m.get(Metric.SMAPE), 0); // the 0/0 term (y = f = 0) counts 0
    assertEquals(0, m.get(Metric.MASE), 0);
    assertEquals(0, m.get(Metric.CRPS), 0);
    assertEquals(1, m.get(Metric.COVERAGE), 0);
    assertEquals(0, m.get(Metric.INTERVAL_WIDTH), 0);
    assertEquals(0, m.get(Metric.MSIS), 0);
  }

  @Test
  public void zeroActualsMakeMapeNullAndSmapeFinite() {
    WindowMetrics m = WindowMetrics.score(new double[] {0, 0, 5}, WindowForecast.point(new double[] {0, 3, 5}), 1);
    assertNull(m.get(Metric.MAPE));
    assertEquals(200.0 / 3, m.get(Metric.SMAPE), TOLERANCE); // terms 0 (0/0), 2*3/3 = 2, 0
    assertEquals(1, m.get(Metric.MAE), TOLERANCE);
    // All actuals zero: the crps denominator sum |y| is 0.
    assertNull(WindowMetrics.score(new double[] {0, 0}, WindowForecast.baseline(new double[] {1, 1}, LEVELS), 1)
        .get(Metric.CRPS));
  }

  @Test
  public void aZeroOrUndefinedScaleMakesMaseAndMsisNull() {
    for (double scale : new double[] {0, NAN}) {
      WindowMetrics m = WindowMetrics.score(Y, quantileModel(), scale);
      assertNull(m.get(Metric.MASE));
      assertNull(m.get(Metric.MSIS));
      assertEquals(12.0 / 3, m.get(Metric.MAE), TOLERANCE);
    }
  }

  @Test
  public void rejectsWhatCannotBeScored() {
    IllegalArgumentException allMissing = assertThrows(IllegalArgumentException.class,
        () -> WindowMetrics.score(new double[] {NAN, NAN}, WindowForecast.point(new double[] {1, 2}), 1));
    assertTrue(allMissing.getMessage(), allMissing.getMessage().contains("all 2 actuals are missing"));
    assertThrows(IllegalArgumentException.class, () -> WindowMetrics.score(Y, WindowForecast.point(new double[] {1}), 1));
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> WindowForecast.point(new double[] {1, NAN}));
    assertTrue(nan.getMessage(), nan.getMessage().contains("forecast at horizon step 2 is NaN"));
    assertThrows(IllegalArgumentException.class, () -> WindowForecast.baseline(F, new double[] {0.5, 1}));
    assertThrows(IllegalArgumentException.class,
        () -> WindowForecast.quantiles(F, LEVELS, new double[][] {Q10, F}, Q10, Q90, 0.8));
    assertThrows(IllegalArgumentException.class,
        () -> WindowForecast.quantiles(F, LEVELS, new double[][] {Q10, F, Q90}, Q10, Q90, 1));
  }
}
