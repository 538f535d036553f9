package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.output.FailureCodes;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.ForecastModel;
import io.timerbeam.transforms.evaluation.ConformalBands;
import io.timerbeam.transforms.evaluation.EvaluationRows;
import io.timerbeam.transforms.evaluation.QuantileDistribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/**
 * withConformal on the DirectRunner: bands from the forecaster's own errors on the windows just
 * before the target, for a point forecaster (Timer-XL) and the seasonal-naive detector; too little
 * history is a failure with its reason; counts reconcile.
 */
public class AnomalyConformalTest {
  /** Bare engine against the transform (contexts scaled by a power of two, batched): float32 rounding. */
  private static final double ENGINE_TOLERANCE = 1e-3;
  private static final double EXACT = 1e-12;

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static TimerAnomalies anomalies() {
    return TimerForecast.anomalies().withIdColumns("series").withTimestampColumn("ts").withValueColumn("value");
  }

  private static int day(Row r) {
    return (int) new Duration(SeriesRows.START, r.getDateTime("ts")).getStandardDays();
  }

  /**
   * 60 daily points, target the last 15 in windows of 5 (45..49, 50..54, 55..59), 4 calibration
   * windows before them (25..29 ... 40..44): 20 errors of Timer-XL's own forecasts, each from the
   * points before its window. Every target row equals the bands built here from the bare engine.
   * A 30-point series has no room for 4 windows of 5 before its 15-point target: its target fails.
   */
  @Test
  public void aPointForecasterGetsBandsFromItsErrorsBeforeTheTarget() {
    bandsFromTheBareEnginesErrors(ModelSpec.of(Fixtures.timerXl(Fixtures.TINY).toString()).withThreads(2), forecast -> forecast[0]);
  }

  /** The same with Timer-S1, calibrated bands around its median (its quantiles sorted per step, the middle one). */
  @Test
  public void aQuantileModelGetsCalibratedBandsAroundItsMedian() {
    bandsFromTheBareEnginesErrors(ModelFixture.TINY, forecast -> {
      float[] median = new float[forecast[0].length];
      for (int h = 0; h < median.length; h++) {
        float[] step = new float[forecast.length];
        for (int q = 0; q < step.length; q++) {
          step[q] = forecast[q][h];
        }
        Arrays.sort(step);
        median[h] = step[step.length / 2]; // 9 levels 0.1..0.9: the fifth is 0.5
      }
      return median;
    });
  }

  private void bandsFromTheBareEnginesErrors(ModelSpec spec, java.util.function.Function<float[][], float[]> pointOf) {
    double[] a = SeriesRows.wave(60, 5);
    List<Row> rows = new ArrayList<>(SeriesRows.daily("a", a));
    rows.addAll(SeriesRows.daily("short", SeriesRows.wave(30, 6)));
    AnomalyResult result = pipeline.apply(Create.of(rows).withRowSchema(SeriesRows.SCHEMA))
        .apply(anomalies().withModel(spec).withTargetLast(15).withHorizon(5).withConformal(4));
    ForecastModel engine = ModelHolder.forSpec(spec).model();
    double[] errors = new double[20];
    for (int w = 0; w < 4; w++) {
      int start = 25 + 5 * w;
      float[] point = pointOf.apply(engine.forecast(List.of(Arrays.copyOf(a, start)), 5)[0]);
      for (int h = 0; h < 5; h++) {
        errors[5 * w + h] = Math.abs(a[start + h] - point[h]);
      }
    }
    ConformalBands bands = ConformalBands.of(errors);
    // [day - 45] -> lower, upper, probability (the PAssert closure must not hold the engine)
    double[][] expected = new double[15][];
    for (int start = 45; start < 60; start += 5) {
      float[] point = pointOf.apply(engine.forecast(List.of(Arrays.copyOf(a, start)), 5)[0]);
      for (int h = 0; h < 5; h++) {
        QuantileDistribution f = bands.around(point[h]);
        expected[start + h - 45] = new double[] {f.quantile(0.025), f.quantile(0.975), f.anomalyProbability(a[start + h])};
      }
    }
    PAssert.that(result.anomalies()).satisfies(out -> {
      Map<Integer, Row> byDay = new TreeMap<>();
      for (Row r : out) {
        assertEquals("a", r.getString("series"));
        byDay.put(day(r), r);
      }
      assertEquals(15, byDay.size());
      for (int t = 45; t < 60; t++) {
        Row r = byDay.get(t);
        assertEquals(expected[t - 45][0], r.getDouble(Columns.ANOMALY_LOWER_BOUND), ENGINE_TOLERANCE);
        assertEquals(expected[t - 45][1], r.getDouble(Columns.ANOMALY_UPPER_BOUND), ENGINE_TOLERANCE);
        assertEquals(expected[t - 45][2], r.getDouble(Columns.ANOMALY_PROBABILITY), ENGINE_TOLERANCE);
        assertFalse(r.getBoolean(Columns.BOUNDS_EXTRAPOLATED)); // 20 errors: 0.95 < 20/21
      }
      return null;
    });
    PAssert.that(result.failures()).satisfies(out -> {
      List<String> reasons = new ArrayList<>();
      for (Row r : out) {
        assertEquals("short", r.getString("series"));
        assertEquals(FailureCodes.CALIBRATION_FAILED, r.getString(Columns.ERROR_CODE));
        reasons.add(r.getString(Columns.ERROR_MESSAGE));
      }
      assertEquals(3, reasons.size()); // one per target window
      assertTrue(reasons.get(0), reasons.get(0).contains("conformal calibration (4 window(s) before the target): window 1 of 4"));
      assertTrue(reasons.get(0), reasons.get(0).contains("series too short"));
      return null;
    });
    PipelineResult run = TargetPoints.runAndAssert(pipeline, 30, 15, 15);
    assertEquals(4, TargetPoints.counter(run, "calibration_windows"));
    assertEquals(3, TargetPoints.counter(run, "target_windows"));
  }

  /**
   * Seasonal naive, season 7: a step's forecast is the value a season before, so the calibration
   * errors are |v(t) - v(t-7)| over the 5 windows of 7 before the target's first window (days
   * 84..118) and each target point's probability is its deviation's rank among them, exactly.
   * The spike of 20 at day 130 is flagged.
   */
  @Test
  public void seasonalNaiveConformalProbabilitiesAreTheRankAmongTheCalibrationErrors() {
    double[] v = SeriesRows.weeklyWithSpikeAt130();
    List<Row> rows = new ArrayList<>(SeriesRows.daily("s", v));
    rows.addAll(SeriesRows.daily("short", SeriesRows.wave(30, 2)));
    AnomalyResult result = pipeline.apply(Create.of(rows).withRowSchema(SeriesRows.SCHEMA))
        .apply(anomalies().withSeasonalNaive().withSeason(7).withTargetLast(20).withConformal(5));
    double[] errors = new double[35];
    for (int t = 84; t < 119; t++) {
      errors[t - 84] = Math.abs(v[t] - v[t - 7]);
    }
    ConformalBands bands = ConformalBands.of(errors);
    double[] probability = new double[140];
    double[] upper = new double[140];
    for (int t = 120; t < 140; t++) {
      QuantileDistribution f = bands.around(v[t - 7]);
      probability[t] = f.anomalyProbability(v[t]);
      upper[t] = f.quantile(0.975);
    }
    PAssert.that(result.anomalies()).satisfies(out -> {
      int count = 0;
      for (Row r : out) {
        count++;
        int t = day(r);
        assertEquals(EvaluationRows.SEASONAL_NAIVE, r.getString(Columns.MODEL_ID));
        assertEquals(probability[t], r.getDouble(Columns.ANOMALY_PROBABILITY), EXACT);
        assertEquals(upper[t], r.getDouble(Columns.ANOMALY_UPPER_BOUND), EXACT);
        assertEquals(r.getDouble(Columns.ANOMALY_PROBABILITY) > 0.95, r.getBoolean(Columns.IS_ANOMALY));
        if (t == 130) {
          assertTrue(r.getBoolean(Columns.IS_ANOMALY));
        }
      }
      assertEquals(20, count);
      return null;
    });
    PAssert.that(result.failures()).satisfies(out -> {
      int count = 0;
      for (Row r : out) {
        count++;
        assertEquals("short", r.getString("series"));
        assertEquals(FailureCodes.CALIBRATION_FAILED, r.getString(Columns.ERROR_CODE));
        assertTrue(r.getString(Columns.ERROR_MESSAGE), r.getString(Columns.ERROR_MESSAGE).contains("series too short"));
      }
      assertEquals(3, count); // its 20 target points lie in 3 windows of 7
      return null;
    });
    PipelineResult run = TargetPoints.runAndAssert(pipeline, 40, 20, 20);
    assertEquals(5, TargetPoints.counter(run, "calibration_windows"));
  }
}
