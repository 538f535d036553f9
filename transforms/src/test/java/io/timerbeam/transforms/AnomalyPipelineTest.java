package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.Fixtures;
import io.timerbeam.model.ModelConfigs;
import io.timerbeam.transforms.evaluation.EvaluationRows;
import io.timerbeam.transforms.evaluation.QuantileDistribution;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** TimerForecast.anomalies() on the DirectRunner: rolling windows without leakage, rows, failures, counts. */
public class AnomalyPipelineTest {
  /** The transform scales contexts by a power of two and batches them: float32 rounding of values near 10. */
  private static final double ENGINE_TOLERANCE = 1e-3;
  private static final int H = 10;

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static TimerAnomalies anomalies() {
    return TimerForecast.anomalies().withIdColumns("series").withTimestampColumn("ts").withValueColumn("value");
  }

  private static Instant day(int index) {
    return SeriesRows.START.plus(Duration.standardDays(index));
  }

  private PCollection<Row> input(List<Row> rows) {
    return pipeline.apply(Create.of(rows).withRowSchema(SeriesRows.SCHEMA));
  }

  /**
   * 100 daily points, target the last 25, windows of 10: windows cover points 70..79 (the target
   * from 75), 80..89 and 90..99, each forecast from the points before it; with threshold 0.8 the
   * bounds are the engine's own q10 and q90 of that window's step.
   */
  @Test
  public void eachWindowIsForecastFromThePointsBeforeIt() throws IOException {
    double[] a = SeriesRows.wave(100, 3);
    a[95] = Double.NaN;
    List<Row> rows = new ArrayList<>(SeriesRows.daily("a", a));
    rows.addAll(SeriesRows.daily("short", SeriesRows.wave(5, 4))); // no point before its target: its window fails
    rows.add(SeriesRows.point("dup", day(0), 1));
    rows.add(SeriesRows.point("dup", day(0), 2)); // one timestamp: the series fails
    AnomalyResult result = input(rows).apply(anomalies().withTargetLast(25).withHorizon(H).withThreshold(0.8)
        .withModel(ModelFixture.TINY));
    double[] levels = ModelConfigs.read(Paths.get(ModelFixture.TINY.checkpointPath())).quantileLevels();
    double[] sortedLevels = levels.clone();
    Arrays.sort(sortedLevels);
    String modelId = ModelFixture.TINY.outputModelId();
    PAssert.that(result.anomalies()).satisfies(out -> {
      Map<Integer, Row> byDay = new TreeMap<>();
      for (Row r : out) {
        assertEquals("a", r.getString("series"));
        assertEquals(modelId, r.getString(Columns.MODEL_ID));
        byDay.put((int) new Duration(SeriesRows.START, r.getDateTime("ts")).getStandardDays(), r);
      }
      assertEquals(25, byDay.size());
      assertEquals(75, (int) byDay.keySet().iterator().next());
      for (int start : new int[] {70, 80, 90}) {
        float[][] engine = ModelFixture.forecast(Arrays.copyOf(a, start), H);
        for (int h = 0; h < H; h++) {
          Row r = byDay.get(start + h);
          if (r == null) {
            continue;
          }
          double[] q = new double[levels.length];
          for (int i = 0; i < q.length; i++) {
            q[i] = engine[i][h];
          }
          Arrays.sort(q);
          assertEquals(q[0], r.getDouble(Columns.ANOMALY_LOWER_BOUND), ENGINE_TOLERANCE);
          assertEquals(q[q.length - 1], r.getDouble(Columns.ANOMALY_UPPER_BOUND), ENGINE_TOLERANCE);
          assertFalse(r.getBoolean(Columns.BOUNDS_EXTRAPOLATED));
          if (start + h == 95) {
            assertNull(r.getDouble("value"));
            assertNull(r.getBoolean(Columns.IS_ANOMALY));
            assertNull(r.getDouble(Columns.ANOMALY_PROBABILITY));
          } else {
            double p = r.getDouble(Columns.ANOMALY_PROBABILITY);
            assertEquals(a[start + h], r.getDouble("value"), 0);
            assertEquals(p > 0.8, r.getBoolean(Columns.IS_ANOMALY));
            // The level of the value in the bare engine's distribution; F moves by the engine's rounding over the quantile spacing.
            assertEquals(QuantileDistribution.of(sortedLevels, q).anomalyProbability(a[start + h]), p, ENGINE_TOLERANCE);
          }
        }
      }
      return null;
    });
    PAssert.that(result.failures()).satisfies(out -> {
      Map<String, String> codes = new TreeMap<>();
      for (Row r : out) {
        codes.put(r.getString("series"), r.getString(Columns.ERROR_CODE) + " " + r.getString(Columns.ERROR_MESSAGE));
      }
      assertEquals(2, codes.size());
      assertTrue(codes.get("short"), codes.get("short").startsWith("target_window_failed 5 target point(s) from "
          + "2024-01-01T00:00:00Z to 2024-01-05T00:00:00Z not scored: series too short"));
      assertTrue(codes.get("dup"), codes.get("dup").startsWith("unknown_frequency"));
      return null;
    });
    // target points in = scored + failed: 25 + 5 + 1 (the failed series' one distinct timestamp).
    TargetPoints.runAndAssert(pipeline, 31, 25, 6);
  }

  /**
   * A seasonal series (period 7, deterministic noise in +-0.5) with a spike of 20: the spike is
   * flagged; of the 18 other target points (day 137 left out: a season after the spike, the naive
   * forecast repeats it) at most 2 are, about what threshold 0.95 lets through (5% of 18 = 0.9).
   */
  @Test
  public void theSeasonalNaiveDetectorFlagsASpike() {
    double[] v = SeriesRows.weeklyWithSpikeAt130();
    AnomalyResult result = input(SeriesRows.daily("s", v)).apply(anomalies().withTargetSince(
        java.time.Instant.parse("2024-04-30T00:00:00Z")).withSeasonalNaive().withSeason(7)); // day 120 on
    PAssert.that(result.anomalies()).satisfies(out -> {
      int count = 0;
      int others = 0;
      for (Row r : out) {
        count++;
        int d = (int) new Duration(SeriesRows.START, r.getDateTime("ts")).getStandardDays();
        assertEquals(EvaluationRows.SEASONAL_NAIVE, r.getString(Columns.MODEL_ID));
        assertTrue(r.getBoolean(Columns.BOUNDS_EXTRAPOLATED) == false); // 0.025 and 0.975 are among its levels
        if (d == 130) {
          assertTrue(r.getBoolean(Columns.IS_ANOMALY));
          assertTrue(r.getDouble(Columns.ANOMALY_PROBABILITY) > 0.99);
          assertTrue(r.getDouble("value") > r.getDouble(Columns.ANOMALY_UPPER_BOUND));
        } else if (d != 137) {
          others += r.getBoolean(Columns.IS_ANOMALY) ? 1 : 0;
        }
      }
      assertEquals(20, count);
      assertTrue(others + " other point(s) flagged", others <= 2);
      return null;
    });
    PAssert.that(result.failures()).empty();
    pipeline.run();
  }

  @Test
  public void optionsAreCheckedAndShown() {
    assertThrows(IllegalArgumentException.class, () -> anomalies().withThreshold(1));
    assertThrows(IllegalArgumentException.class, () -> anomalies().withTargetLast(0));
    assertThrows(IllegalArgumentException.class, () -> anomalies().withSeason(0));
    PCollection<Row> in = input(SeriesRows.daily("a", SeriesRows.wave(20, 1)));
    IllegalStateException noTarget = assertThrows(IllegalStateException.class, () -> in.apply(anomalies().withSeasonalNaive()));
    assertTrue(noTarget.getMessage(), noTarget.getMessage().contains("withTargetLast(n) or withTargetSince(time)"));
    IllegalStateException noModel = assertThrows(IllegalStateException.class, () -> in.apply(anomalies().withTargetLast(3)));
    assertTrue(noModel.getMessage(), noModel.getMessage().contains("withModel(...) or withSeasonalNaive()"));
    IllegalArgumentException pointModel = assertThrows(IllegalArgumentException.class, () -> in.apply("xl", anomalies()
        .withTargetLast(3).withModel(ModelSpec.of(Fixtures.timerXl(Fixtures.TINY).toString()))));
    assertTrue(pointModel.getMessage(), pointModel.getMessage().contains("gives point forecasts only"));
    DisplayData data = DisplayData.from(anomalies().withTargetLast(5).withThreshold(0.9).withSeasonalNaive());
    assertTrue(data.toString(), data.items().stream().anyMatch(i -> i.getKey().equals("threshold") && i.getValue().equals(0.9)));
    assertTrue(data.toString(), data.items().stream().anyMatch(i -> i.getKey().equals("detector")
        && i.getValue().equals(EvaluationRows.SEASONAL_NAIVE)));
    pipeline.enableAbandonedNodeEnforcement(false);
  }
}
