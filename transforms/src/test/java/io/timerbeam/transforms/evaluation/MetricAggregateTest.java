package io.timerbeam.transforms.evaluation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

public class MetricAggregateTest {
  private static final double TOLERANCE = 1e-12;
  private static final double[] LEVELS = {0.1, 0.5, 0.9};

  /** A one-step window whose absolute error is |y - f|, so mae = mase (scale 1) = |y - f|. */
  private static WindowMetrics point(double y, double f) {
    return WindowMetrics.score(new double[] {y}, WindowForecast.point(new double[] {f}), 1);
  }

  private static WindowMetrics baseline(double y, double f) {
    return WindowMetrics.score(new double[] {y}, WindowForecast.baseline(new double[] {f}, LEVELS), 1);
  }

  /** Quantiles all equal f, so crps = |y - f| / |y|. */
  private static WindowMetrics quantile(double y, double f) {
    double[] v = {f};
    return WindowMetrics.score(new double[] {y}, WindowForecast.quantiles(v, LEVELS, new double[][] {v, v, v}, v, v, 0.8), 1);
  }

  @Test
  public void meansSkipUndefinedValuesAndCountThem() {
    MetricAggregate a = new MetricAggregate()
        .add(point(10, 12), baseline(10, 14)) // mae 2, mape 20
        .add(point(0, 4), baseline(0, 1)); // mae 4, mape null
    assertEquals(2, a.windows());
    assertEquals(3, a.mean(Metric.MAE), TOLERANCE);
    assertEquals(20, a.mean(Metric.MAPE), TOLERANCE);
    assertEquals(1, a.defined(Metric.MAPE));
    assertEquals(1, a.undefined(Metric.MAPE));
    assertNull(a.mean(Metric.CRPS));
    assertEquals(2, a.undefined(Metric.CRPS));
  }

  @Test
  public void relativeScoresAreGeometricMeansOfRatios() {
    MetricAggregate a = new MetricAggregate()
        .add(quantile(10, 12), baseline(10, 14)) // mase 2/4, crps 0.2/0.4: ratio 1/2
        .add(quantile(10, 18), baseline(10, 12)) // ratio 8/2 = 4
        .add(quantile(10, 13), baseline(10, 10)) // baseline 0: ratio undefined, skipped
        .add(quantile(10, 10), baseline(10, 11)); // model 0: no logarithm, skipped
    assertEquals(Math.sqrt(0.5 * 4), a.maseRelative(), TOLERANCE);
    assertEquals(Math.sqrt(0.5 * 4), a.crpsRelative(), TOLERANCE);
    assertEquals(2, a.maseRelativeSkipped());
    assertEquals(2, a.crpsRelativeSkipped());
    assertEquals(4, a.windows());
  }

  @Test
  public void aPointModelHasNoCrpsRatio() {
    MetricAggregate a = new MetricAggregate().add(point(10, 12), baseline(10, 14));
    assertEquals(0.5, a.maseRelative(), TOLERANCE);
    assertNull(a.crpsRelative());
    assertEquals(1, a.crpsRelativeSkipped());
  }

  @Test
  public void mergingEqualsAddingInOneAccumulator() throws Exception {
    MetricAggregate all = new MetricAggregate();
    MetricAggregate left = new MetricAggregate();
    MetricAggregate right = new MetricAggregate();
    double[][] windows = {{10, 12, 14}, {0, 4, 1}, {10, 18, 12}, {7, 7, 9}, {3, 1, 2}};
    for (int i = 0; i < windows.length; i++) {
      double[] w = windows[i];
      all.add(quantile(w[0], w[1]), baseline(w[0], w[2]));
      (i < 2 ? left : right).add(quantile(w[0], w[1]), baseline(w[0], w[2]));
    }
    left.addSeries();
    right.addSeries().addSeries();
    MetricAggregate merged = roundTrip(left).merge(roundTrip(right));
    assertEquals(all.windows(), merged.windows());
    assertEquals(3, merged.series());
    for (Metric metric : Metric.values()) {
      if (all.mean(metric) == null) {
        assertNull(metric.columnName(), merged.mean(metric));
      } else {
        // Merging changes the order of the sums: equal up to rounding.
        assertEquals(metric.columnName(), all.mean(metric), merged.mean(metric), TOLERANCE);
      }
      assertEquals(all.undefined(metric), merged.undefined(metric));
    }
    assertEquals(all.maseRelative(), merged.maseRelative(), TOLERANCE);
    assertEquals(all.crpsRelative(), merged.crpsRelative(), TOLERANCE);
    assertEquals(all.maseRelativeSkipped(), merged.maseRelativeSkipped());
  }

  @Test
  public void anEmptyAggregateHasNoFigures() {
    MetricAggregate a = new MetricAggregate();
    assertEquals(0, a.windows());
    assertNull(a.mean(Metric.SMAPE));
    assertNull(a.maseRelative());
  }

  /** Through the aggregate's own Beam coder, as the summary's combine moves it between workers. */
  private static MetricAggregate roundTrip(MetricAggregate a) throws Exception {
    return CoderUtils.decodeFromByteArray(MetricAggregate.coder(), CoderUtils.encodeToByteArray(MetricAggregate.coder(), a));
  }
}
