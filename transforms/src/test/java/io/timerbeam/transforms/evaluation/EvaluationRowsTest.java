package io.timerbeam.transforms.evaluation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Test;

public class EvaluationRowsTest {
  private static final Schema IDS = Schema.builder().addStringField("store").addInt64Field("sku").build();
  private static final Row ID = Row.withSchema(IDS).addValues("s1", 7L).build();
  private static final long DAY = 86_400_000L;
  private static final EvaluationRows ROWS = new EvaluationRows(IDS, List.of("q10", "q50", "q90"));

  private static BacktestWindow window() {
    return RollingWindows.of(2, 16).split(new double[] {1, 2, 3, Double.NaN}, i -> i * DAY).get(0);
  }

  private static List<String> names(Schema schema) {
    return schema.getFields().stream().map(Schema.Field::getName).collect(Collectors.toList());
  }

  @Test
  public void metricRowsHaveIdsCutoffModelHorizonMetricsAndStatus() {
    assertEquals(List.of("store", "sku", "cutoff", "model", "horizon", "mae", "mse", "rmse", "mape", "smape", "mase",
        "crps", "coverage", "interval_width", "msis", "evaluate_status"), names(ROWS.metricSchema()));
    assertEquals(FieldType.DOUBLE.withNullable(true), ROWS.metricSchema().getField("mase").getType());
    BacktestWindow window = window();
    WindowMetrics metrics = WindowMetrics.score(window.actuals(), WindowForecast.point(new double[] {4, 4}), 1);
    Row row = ROWS.metricRow(ID, window.cutoffMillis(), "timer-s1", window.actuals().length, metrics);
    assertEquals("s1", row.getString("store"));
    assertEquals(new Instant(DAY), row.getDateTime("cutoff"));
    assertEquals("timer-s1", row.getString("model"));
    assertEquals(2, (int) row.getInt32("horizon"));
    assertEquals(1, row.getDouble("mae"), 0);
    assertNull(row.getDouble("crps"));
    assertEquals("", row.getString("evaluate_status"));
  }

  @Test
  public void failureRowsHaveNullMetricsAndTheReason() {
    Row row = ROWS.failureRow(ID, -3 * DAY, EvaluationRows.SEASONAL_NAIVE, 28, "series too short");
    assertEquals(new Instant(-3 * DAY), row.getDateTime("cutoff"));
    assertEquals("seasonal_naive", row.getString("model"));
    assertEquals(28, (int) row.getInt32("horizon"));
    for (Metric metric : Metric.values()) {
      assertNull(row.getDouble(metric.columnName()));
    }
    assertEquals("series too short", row.getString("evaluate_status"));
  }

  @Test
  public void forecastRowsCarryEveryStepWithItsActualAndQuantiles() {
    assertEquals(List.of("store", "sku", "cutoff", "model", "horizon_step", "forecast_timestamp", "actual",
        "forecast_value", "q10", "q50", "q90"), names(ROWS.forecastSchema()));
    List<Row> model = ROWS.forecastRows(ID, window().cutoffMillis(), window().actuals(), window().actualMillis(), "timer-s1", new double[] {4, 5},
        new double[][] {{3, 4}, {4, 5}, {5, 6}});
    assertEquals(2, model.size());
    Row second = model.get(1);
    assertEquals(2, (int) second.getInt32("horizon_step"));
    assertEquals(new Instant(3 * DAY), second.getDateTime("forecast_timestamp"));
    assertNull(second.getDouble("actual")); // missing actual
    assertEquals(3, model.get(0).getDouble("actual"), 0);
    assertEquals(5, second.getDouble("forecast_value"), 0);
    assertEquals(6, second.getDouble("q90"), 0);
    Row baseline = ROWS.forecastRows(ID, window().cutoffMillis(), window().actuals(), window().actualMillis(), EvaluationRows.SEASONAL_NAIVE, new double[] {2, 2}, null).get(0);
    assertNull(baseline.getDouble("q50"));
    assertThrows(IllegalArgumentException.class,
        () -> ROWS.forecastRows(ID, window().cutoffMillis(), window().actuals(), window().actualMillis(), "timer-s1", new double[] {4, 5}, new double[][] {{3, 4}}));
  }

  @Test
  public void summaryLineHasTheIssuesFormat() {
    double[] f = {12};
    MetricAggregate a = new MetricAggregate().add(
        WindowMetrics.score(new double[] {10}, WindowForecast.quantiles(f, new double[] {0.1, 0.5, 0.9},
            new double[][] {{9}, f, {13}}, new double[] {9}, new double[] {13}, 0.8), 4),
        WindowMetrics.score(new double[] {10}, WindowForecast.baseline(new double[] {14}, new double[] {0.1, 0.5, 0.9}), 4));
    // smape 2*2/22*100; mase 2/4; crps (2/3)(0.1 + 1 + 0.3)/10; baseline mase 1, crps 0.4.
    assertEquals("summary model=timer-s1 series=1 windows=1 smape=18.1818 mase=0.5000 crps=0.0933 coverage=1.0000"
        + " mase_relative=0.5000 crps_relative=0.2333", EvaluationRows.summaryLine("timer-s1", a.addSeries()));
    assertEquals("summary model=x series=0 windows=0 smape=null mase=null crps=null coverage=null"
        + " mase_relative=null crps_relative=null", EvaluationRows.summaryLine("x", new MetricAggregate()));
  }
}
