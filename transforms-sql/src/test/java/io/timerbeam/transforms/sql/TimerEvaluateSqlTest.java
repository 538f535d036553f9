package io.timerbeam.transforms.sql;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.timerbeam.transforms.BacktestResult;
import io.timerbeam.transforms.TimerBacktest;
import io.timerbeam.transforms.TimerForecast;
import io.timerbeam.transforms.evaluation.EvaluationRows;
import io.timerbeam.transforms.evaluation.Metric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** README-sql.md's TIMER_EVALUATE statement on the DirectRunner: against hand-computed figures and backtest()'s rows. */
public class TimerEvaluateSqlTest {
  private static final int H = 4;
  /**
   * backtest() batches windows of many series per engine call, TIMER_EVALUATE one series' windows:
   * float32 rounding only, the golden tolerance (1e-4) relative to max(1, |figure|).
   */
  private static final double BATCH_TOLERANCE = 1e-4;
  /** Hand-computed baseline figures are exact up to double rounding. */
  private static final double EXACT = 1e-12;

  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder temporary = new TemporaryFolder();

  private static TimerBacktest backtest() {
    return TimerForecast.backtest().withModel(SqlPoints.TINY);
  }

  private PCollection<Row> points(List<Row> rows) {
    return pipeline.apply(Create.of(rows).withRowSchema(SqlPoints.SCHEMA));
  }

  private static Map<String, Row> bySeriesCutoffModel(Iterable<Row> rows) {
    Map<String, Row> keyed = new HashMap<>();
    for (Row r : rows) {
      String key = r.getString("series") + "|" + r.getDateTime(EvaluationRows.CUTOFF) + "|" + r.getString(EvaluationRows.MODEL);
      assertNull("one row per series, cutoff and model: " + key, keyed.put(key, r));
    }
    return keyed;
  }

  /**
   * x_t = t, t = 1..20, daily (m = 1), H 4, one window: the cutoff is point 16, the naive forecast
   * 16 for points 17..20, errors 1, 2, 3, 4, scale 1; the short series of 3 points cannot hold it.
   */
  @Test
  public void baselineFiguresAreTheHandComputedOnesAndAShortSeriesFailsAlsoFromTheJar() throws java.io.IOException {
    double[] linear = new double[20];
    for (int t = 0; t < linear.length; t++) {
      linear[t] = t + 1;
    }
    List<Row> input = new ArrayList<>(SqlPoints.daily("linear", linear, H));
    input.addAll(SqlPoints.daily("short", new double[] {5, 6, 7}, H));
    PCollection<Row> rows = points(input);
    PCollection<Row> registered = rows.apply("Registered",
        TimerForecastSql.register(SqlTransform.query(SqlPoints.evaluateStatement()), backtest()));
    System.setProperty(TimerForecastUdfProvider.MODEL_PROPERTY, SqlPoints.TINY.checkpointPath());
    PCollection<Row> fromJar = rows.apply("From jar", SqlPoints.createFunctions(
        SqlTransform.query(SqlPoints.evaluateStatement()), SqlPoints.providerJar(temporary), TimerForecastSql.EVALUATE));
    PAssert.that(registered).satisfies(TimerEvaluateSqlTest::handComputedAndFailed);
    PAssert.that(fromJar).satisfies(TimerEvaluateSqlTest::handComputedAndFailed);
    pipeline.run();
  }

  /** The linear series' baseline row as hand-computed, the model's row scored, the short series' rows failed. */
  private static Void handComputedAndFailed(Iterable<Row> rows) {
    String model = modelId();
    Map<String, Row> keyed = bySeriesCutoffModel(rows);
    assertEquals(keyed.keySet().toString(), 4, keyed.size());
    Row naive = keyed.get("linear|" + SqlPoints.START.plus(Duration.standardDays(15)) + "|" + EvaluationRows.SEASONAL_NAIVE);
    assertEquals("", naive.getString(EvaluationRows.EVALUATE_STATUS));
    assertEquals(H, (int) naive.getInt32(EvaluationRows.HORIZON));
    assertEquals(2.5, naive.getDouble("mae"), EXACT);
    assertEquals(7.5, naive.getDouble("mse"), EXACT);
    assertEquals(Math.sqrt(7.5), naive.getDouble("rmse"), EXACT);
    assertEquals(25 * (1.0 / 17 + 2.0 / 18 + 3.0 / 19 + 4.0 / 20), naive.getDouble("mape"), EXACT);
    assertEquals(25 * (2.0 / 33 + 4.0 / 34 + 6.0 / 35 + 8.0 / 36), naive.getDouble("smape"), EXACT);
    assertEquals(2.5, naive.getDouble("mase"), EXACT);
    // Every quantile = 16 < y: rho_q = q(y - f), the levels 0.1..0.9 sum to 4.5: (1/9) 2 4.5 10 / 74.
    assertEquals(10.0 / 74, naive.getDouble("crps"), EXACT);
    assertNull(naive.getDouble("coverage"));
    assertNull(naive.getDouble("interval_width"));
    assertNull(naive.getDouble("msis"));
    Row timer = keyed.get("linear|" + SqlPoints.START.plus(Duration.standardDays(15)) + "|" + model);
    assertEquals("", timer.getString(EvaluationRows.EVALUATE_STATUS));
    for (Metric metric : Metric.values()) {
      assertTrue(metric + " of the model", timer.getDouble(metric.columnName()) != null);
    }
    for (String m : List.of(model, EvaluationRows.SEASONAL_NAIVE)) {
      Row failed = keyed.get("short|" + SqlPoints.START.plus(Duration.standardDays(-2)) + "|" + m);
      assertEquals("series too short: 3 point(s), window 1 of 1 needs at least 5 (1 before its 4 actuals and 0 after them)",
          failed.getString(EvaluationRows.EVALUATE_STATUS));
      assertEquals(H, (int) failed.getInt32(EvaluationRows.HORIZON));
      for (Metric metric : Metric.values()) {
        assertNull(metric + " of a failed window", failed.getDouble(metric.columnName()));
      }
    }
    return null;
  }

  /** Three windows, step 2, over series long enough, too short for some windows, and not assemblable. */
  @Test
  public void documentedStatementGivesTheRowsOfTheBacktest() {
    List<Row> input = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      input.addAll(SqlPoints.daily("s" + s, SqlPoints.wave(40 + 30 * s, s), H));
    }
    input.addAll(SqlPoints.daily("short", SqlPoints.wave(10, 5), H)); // holds windows 2 and 3, not 1 (needs 9, 11)
    input.addAll(SqlPoints.daily("dup", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, H));
    input.addAll(SqlPoints.daily("dup", new double[] {1}, H)); // a second point at the first day
    TimerBacktest options = backtest().withWindows(3).withStep(2).withConfidenceLevel(0.6);
    PCollection<Row> rows = points(input);
    PCollection<Row> sql = rows.apply("Sql", TimerForecastSql.register(SqlTransform.query(SqlPoints.evaluateStatement()), options));
    BacktestResult transform = rows.apply("Backtest", options
        .withIdColumns("series").withTimestampColumn("ts").withValueColumn("value").withHorizon(H));
    String model = modelId();
    PAssert.that(sql).satisfies(sqlRows -> {
      List<Row> dup = new ArrayList<>();
      sqlRows.forEach(r -> {
        if (r.getString("series").equals("dup")) {
          dup.add(r);
        }
      });
      assertEquals(2, dup.size());
      for (Row r : dup) {
        assertNull(r.getDateTime(EvaluationRows.CUTOFF));
        assertTrue(r.getString(EvaluationRows.EVALUATE_STATUS),
            r.getString(EvaluationRows.EVALUATE_STATUS).startsWith("duplicate_timestamp: 2 points at 2024-01-01T00:00:00Z"));
        assertEquals(H, (int) r.getInt32(EvaluationRows.HORIZON));
        for (Metric metric : Metric.values()) {
          assertNull(metric + " of a failed series", r.getDouble(metric.columnName()));
        }
      }
      assertEquals(List.of(model, EvaluationRows.SEASONAL_NAIVE).stream().sorted().toList(),
          dup.stream().map(r -> r.getString(EvaluationRows.MODEL)).sorted().toList());
      return null;
    });
    PCollection<KV<String, Iterable<KV<String, Row>>>> joined = PCollectionList
        .of(keyed("sql", sql.apply(Filter.by(r -> !r.getString("series").equals("dup")))))
        .and(keyed("backtest", transform.metrics()))
        .apply(Flatten.pCollections())
        .apply(GroupByKey.create());
    PAssert.that(joined).satisfies(groups -> {
      int keys = 0;
      int failed = 0;
      for (KV<String, Iterable<KV<String, Row>>> group : groups) {
        keys++;
        Map<String, Row> variants = new HashMap<>();
        group.getValue().forEach(v -> assertNull(group.getKey() + " twice from " + v.getKey(), variants.put(v.getKey(), v.getValue())));
        assertEquals(group.getKey(), Set.of("sql", "backtest"), variants.keySet());
        failed += assertSameRow(group.getKey(), variants.get("backtest"), variants.get("sql")) ? 0 : 1;
      }
      // 4 assembled series x 3 windows x 2 models, the same rows both ways.
      assertEquals(24, keys);
      assertEquals("short's window 1, both models", 2, failed);
      return null;
    });
    pipeline.run();
  }

  private static PCollection<KV<String, KV<String, Row>>> keyed(String variant, PCollection<Row> rows) {
    return rows.apply("Key " + variant, MapElements
        .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.rows())))
        .via(r -> KV.of(r.getString("series") + "|" + r.getDateTime(EvaluationRows.CUTOFF) + "|" + r.getString(EvaluationRows.MODEL),
            KV.of(variant, r))))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Row.class))));
  }

  /** The same horizon, status and metrics (nulls alike, numbers to the batch tolerance); true if scored. */
  private static boolean assertSameRow(String key, Row expected, Row actual) {
    assertEquals(key, expected.getInt32(EvaluationRows.HORIZON), actual.getInt32(EvaluationRows.HORIZON));
    assertEquals(key, expected.getString(EvaluationRows.EVALUATE_STATUS), actual.getString(EvaluationRows.EVALUATE_STATUS));
    for (Metric metric : Metric.values()) {
      Double x = expected.getDouble(metric.columnName());
      Double y = actual.getDouble(metric.columnName());
      String what = key + " " + metric.columnName() + ": backtest " + x + ", sql " + y;
      assertEquals(what, x == null, y == null);
      if (x != null) {
        assertTrue(what, Math.abs(x - y) <= BATCH_TOLERANCE * Math.max(1, Math.abs(x)));
      }
    }
    return expected.getString(EvaluationRows.EVALUATE_STATUS).isEmpty();
  }

  private static String modelId() {
    try {
      return io.timerbeam.model.checkpoint.Checkpoint.open(java.nio.file.Paths.get(SqlPoints.TINY.checkpointPath())).modelId();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
