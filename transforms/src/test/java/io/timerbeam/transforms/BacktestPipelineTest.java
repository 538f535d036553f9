package io.timerbeam.transforms;

import io.timerbeam.model.output.FailureCodes;
import io.timerbeam.model.output.QuantileLayout;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Golden;
import io.timerbeam.model.ModelConfigs;
import io.timerbeam.transforms.evaluation.EvaluationRows;
import io.timerbeam.transforms.evaluation.Metric;
import io.timerbeam.transforms.evaluation.SeasonalNaive;
import io.timerbeam.transforms.evaluation.WindowForecast;
import io.timerbeam.transforms.evaluation.WindowMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/** TimerForecast.backtest() on the DirectRunner: windows, counts, batch independence, metrics against the bare engine. */
public class BacktestPipelineTest {
  /** Engine forecasts of one context alone vs in a batch differ by float rounding only. */
  private static final double BATCH_TOLERANCE = 1e-4;
  private static final int H = 10;

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private static final double[] A = SeriesRows.wave(100, 3);

  private static TimerBacktest backtest(ModelSpec model) {
    return TimerForecast.backtest()
        .withIdColumns("series")
        .withTimestampColumn("ts")
        .withValueColumn("value")
        .withHorizon(H)
        .withWindows(3)
        .withStep(5)
        .withModel(model);
  }

  private static Instant day(int index) {
    return SeriesRows.START.plus(Duration.standardDays(index));
  }

  private static String modelId(ModelSpec spec) throws IOException {
    return io.timerbeam.model.checkpoint.Checkpoint.open(java.nio.file.Paths.get(spec.checkpointPath())).modelId();
  }

  /** 100 points, H 10, 3 windows, S 5: cutoffs at points 80, 85, 90; the last actuals are points 91..100. */
  @Test
  public void windowsCutoffsAndCountsAreAsDefined() throws IOException {
    List<Row> input = new ArrayList<>(SeriesRows.daily("a", A));
    input.addAll(SeriesRows.daily("short", SeriesRows.wave(15, 4))); // holds only the last window (needs 11 points)
    input.add(SeriesRows.point("dup", day(0), 1));
    input.add(SeriesRows.point("dup", day(0), 2)); // one timestamp, no frequency: a series failure row
    BacktestResult result = pipeline.apply(Create.of(input).withRowSchema(SeriesRows.SCHEMA))
        .apply(backtest(ModelFixture.TINY).withSeason(7));
    String model = modelId(ModelFixture.TINY);
    PAssert.that(result.metrics()).satisfies(rows -> {
      Map<String, TreeSet<String>> cutoffs = new TreeMap<>();
      int failed = 0;
      for (Row r : rows) {
        String status = r.getString(EvaluationRows.EVALUATE_STATUS);
        String key = r.getString("series") + "/" + r.getString(EvaluationRows.MODEL);
        cutoffs.computeIfAbsent(key, k -> new TreeSet<>()).add(r.getDateTime(EvaluationRows.CUTOFF).toString()
            + (status.isEmpty() ? "" : " failed"));
        if (!status.isEmpty()) {
          failed++;
          assertTrue(status, status.startsWith("series too short"));
          assertNull(r.getDouble("mae"));
        } else {
          assertNotNull(r.getDouble("mae"));
          assertEquals(H, (int) r.getInt32(EvaluationRows.HORIZON));
        }
      }
      TreeSet<String> aCutoffs = new TreeSet<>(List.of(day(79).toString(), day(84).toString(), day(89).toString()));
      assertEquals(aCutoffs, cutoffs.get("a/" + model));
      assertEquals(aCutoffs, cutoffs.get("a/" + EvaluationRows.SEASONAL_NAIVE));
      // series x windows = metric rows, per model (the unassemblable series is in failures()).
      assertEquals(Map.of("a/" + model, 3, "a/seasonal_naive", 3, "short/" + model, 3, "short/seasonal_naive", 3),
          cutoffs.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size())));
      assertEquals(4, failed); // short's windows 1 and 2 of 3, for both models
      assertTrue(cutoffs.get("short/" + model).contains(day(4).toString()));
      return null;
    });
    PAssert.that(result.forecasts()).satisfies(rows -> {
      TreeSet<Instant> lastWindow = new TreeSet<>();
      int count = 0;
      for (Row r : rows) {
        count++;
        if (r.getString("series").equals("a") && r.getDateTime(EvaluationRows.CUTOFF).equals(day(89))
            && r.getString(EvaluationRows.MODEL).equals(model)) {
          lastWindow.add(new Instant(r.getDateTime(Columns.FORECAST_TIMESTAMP)));
          int step = r.getInt32(Columns.HORIZON_STEP);
          assertEquals(A[89 + step], r.getDouble(EvaluationRows.ACTUAL), 0);
        }
      }
      TreeSet<Instant> points91To100 = new TreeSet<>();
      for (int i = 90; i < 100; i++) {
        points91To100.add(day(i));
      }
      assertEquals(points91To100, lastWindow);
      assertEquals((3 + 1) * 2 * H, count); // scored windows x models x steps
      return null;
    });
    PAssert.that(result.failures()).satisfies(rows -> {
      List<String> failures = new ArrayList<>();
      rows.forEach(r -> failures.add(r.getString("series") + ":" + r.getString(Columns.ERROR_CODE)));
      assertEquals(List.of("dup:" + FailureCodes.UNKNOWN_FREQUENCY), failures);
      return null;
    });
    PAssert.that(result.summary()).satisfies(rows -> {
      Map<String, Row> byModel = new HashMap<>();
      rows.forEach(r -> byModel.put(r.getString(EvaluationRows.MODEL), r));
      assertEquals(2, byModel.size());
      assertEquals(2L, (long) byModel.get(model).getInt64(EvaluationRows.SERIES));
      assertEquals(4L, (long) byModel.get(model).getInt64(EvaluationRows.WINDOWS));
      assertEquals(1.0, byModel.get(EvaluationRows.SEASONAL_NAIVE).getDouble(EvaluationRows.MASE_RELATIVE), 1e-12);
      return null;
    });
    pipeline.run();
  }

  /** Metric rows equal WindowMetrics of the bare engine's forecast; the same alone and among 40 other series. */
  @Test
  public void metricsEqualTheEnginesForecastScoredAloneOrInABigBatch() throws IOException {
    String model = modelId(ModelFixture.TINY);
    QuantileLayout layout = new QuantileLayout(
        ModelConfigs.read(Fixtures.checkpoint(Fixtures.TINY)).quantileLevels(), new double[] {0.8}, "withConfidenceLevel", true);
    HashMap<String, Double> expected = new HashMap<>();
    for (int cutoff : new int[] {79, 84, 89}) {
      double[] context = Arrays.copyOfRange(A, 0, cutoff + 1);
      double[] actuals = Arrays.copyOfRange(A, cutoff + 1, cutoff + 1 + H);
      double[][] head = Golden.toDouble(ModelFixture.forecast(context, H));
      double[][] q = new double[layout.size()][H];
      for (int h = 0; h < H; h++) {
        double[] step = layout.step(head, h);
        for (int i = 0; i < step.length; i++) {
          q[i][h] = step[i];
        }
      }
      double scale = SeasonalNaive.scale(context, 7);
      WindowMetrics m = WindowMetrics.score(actuals, WindowForecast.quantiles(q[layout.medianColumn()], layout.levels(), q,
          q[layout.lowerColumn(0)], q[layout.upperColumn(0)], 0.8), scale);
      WindowMetrics b = WindowMetrics.score(actuals,
          WindowForecast.baseline(SeasonalNaive.forecast(context, 7, H), layout.levels()), scale);
      for (Metric metric : Metric.values()) {
        expected.put(model + "/" + cutoff + "/" + metric.columnName(), m.get(metric));
        expected.put("seasonal_naive/" + cutoff + "/" + metric.columnName(), b.get(metric));
      }
    }
    List<Row> big = new ArrayList<>(SeriesRows.daily("a", A));
    for (int s = 0; s < 40; s++) {
      big.addAll(SeriesRows.daily("other" + s, SeriesRows.wave(60 + 3 * s, s + 10)));
    }
    BacktestResult alone = pipeline.apply("Alone", Create.of(SeriesRows.daily("a", A)).withRowSchema(SeriesRows.SCHEMA))
        .apply("BacktestAlone", backtest(ModelFixture.TINY).withSeason(7).withBatchSize(1));
    BacktestResult batched = pipeline.apply("Batched", Create.of(big).withRowSchema(SeriesRows.SCHEMA))
        .apply("BacktestBatched", backtest(ModelFixture.TINY).withSeason(7).withBatchSize(128));
    PAssert.that("alone", alone.metrics()).satisfies(metricsOfAAre(expected));
    PAssert.that("in a batch", batched.metrics()).satisfies(metricsOfAAre(expected));
    pipeline.run();
  }

  private static SerializableFunction<Iterable<Row>, Void> metricsOfAAre(HashMap<String, Double> expected) {
    return rows -> {
      int checked = 0;
      for (Row r : rows) {
        if (!r.getString("series").equals("a")) {
          continue;
        }
        int cutoff = (int) new Duration(SeriesRows.START, r.getDateTime(EvaluationRows.CUTOFF)).getStandardDays();
        for (Metric metric : Metric.values()) {
          String key = r.getString(EvaluationRows.MODEL) + "/" + cutoff + "/" + metric.columnName();
          assertTrue("unexpected " + key, expected.containsKey(key));
          Double want = expected.get(key);
          Double got = r.getDouble(metric.columnName());
          if (want == null) {
            assertNull(key, got);
          } else {
            assertEquals(key, want, got, BATCH_TOLERANCE * Math.max(1, Math.abs(want)));
          }
          checked++;
        }
      }
      assertEquals(expected.size(), checked);
      return null;
    };
  }

  /** Timer-XL (a point forecaster): point metrics; crps, coverage, interval_width and msis are null. */
  @Test
  public void timerXlGivesPointMetricsOnly() throws IOException {
    ModelSpec xl = ModelSpec.of(Fixtures.timerXl(Fixtures.TINY).toString()).withThreads(2);
    String model = modelId(xl);
    int patch = ModelConfigs.read(Fixtures.timerXl(Fixtures.TINY)).patchLength();
    List<Row> input = new ArrayList<>(SeriesRows.daily("a", A));
    // Every window's context is shorter than one patch: Timer-XL's own rule fails them, for both models.
    input.addAll(SeriesRows.daily("short", SeriesRows.wave(patch - 1 + H, 5)));
    BacktestResult result = pipeline.apply(Create.of(input).withRowSchema(SeriesRows.SCHEMA))
        .apply(backtest(xl).withBatchSize(8).withMinObservations(1));
    PAssert.that(result.metrics()).satisfies(rows -> {
      int scored = 0;
      int engineRejected = 0;
      for (Row r : rows) {
        if (r.getString("series").equals("short")) {
          String status = r.getString(EvaluationRows.EVALUATE_STATUS);
          // Too short for one patch is too few observations for this model, not invalid values.
          assertTrue(status, status.startsWith("series too short") || status.startsWith(FailureCodes.TOO_FEW_OBSERVATIONS + ": "));
          engineRejected += status.startsWith(FailureCodes.TOO_FEW_OBSERVATIONS) ? 1 : 0;
          continue;
        }
        assertEquals("", r.getString(EvaluationRows.EVALUATE_STATUS));
        assertNotNull(r.getDouble("mae"));
        assertNotNull(r.getDouble("smape"));
        assertNotNull(r.getDouble("mase"));
        for (String absent : List.of("crps", "coverage", "interval_width", "msis")) {
          assertNull(absent, r.getDouble(absent));
        }
        scored += r.getString(EvaluationRows.MODEL).equals(model) ? 1 : 0;
      }
      assertEquals(3, scored);
      assertTrue("the last window's context reaches the engine and fails there, for both models", engineRejected >= 2);
      assertEquals(0, engineRejected % 2);
      return null;
    });
    // The summary's series are those with a scored window: "a" only, for both models.
    PAssert.that(result.summary()).satisfies(rows -> {
      int models = 0;
      for (Row r : rows) {
        assertEquals(r.toString(), 1L, (long) r.getInt64(EvaluationRows.SERIES));
        models++;
      }
      assertEquals(2, models);
      return null;
    });
    PAssert.that(result.forecasts()).satisfies(rows -> {
      for (Row r : rows) {
        assertEquals(List.of("series", "cutoff", "model", "horizon_step", "forecast_timestamp", "actual", "forecast_value"),
            r.getSchema().getFieldNames());
      }
      return null;
    });
    pipeline.run();
  }
}
