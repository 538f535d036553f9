package io.timerbeam.transforms.evaluation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The evaluation outputs, in one place: the metric rows (one per ids, cutoff and model), the
 * per-step forecast rows (one per ids, cutoff, model and horizon step, so every metric can be
 * recomputed) and the summary line the CLI prints per model.
 */
public final class EvaluationRows implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String CUTOFF = "cutoff";
  public static final String MODEL = "model";
  public static final String HORIZON = "horizon";
  public static final String EVALUATE_STATUS = "evaluate_status";
  public static final String HORIZON_STEP = "horizon_step";
  public static final String FORECAST_TIMESTAMP = "forecast_timestamp";
  public static final String ACTUAL = "actual";
  public static final String FORECAST_VALUE = "forecast_value";
  /** The {@link #MODEL} of the baseline's rows. */
  public static final String SEASONAL_NAIVE = "seasonal_naive";

  private final Schema metricSchema;
  private final Schema forecastSchema;
  private final int quantileColumns;

  /**
   * @param idSchema the series' id columns, first in every row
   * @param quantileColumns the model's quantile column names as its forecast rows name them
   *     (e.g. q10, q50, q90), empty for a point forecaster
   */
  public EvaluationRows(Schema idSchema, List<String> quantileColumns) {
    Schema.Builder metrics = Schema.builder().addFields(idSchema.getFields())
        .addDateTimeField(CUTOFF)
        .addStringField(MODEL)
        .addInt32Field(HORIZON);
    for (Metric metric : Metric.values()) {
      metrics.addNullableField(metric.columnName(), FieldType.DOUBLE);
    }
    this.metricSchema = metrics.addStringField(EVALUATE_STATUS).build();
    Schema.Builder forecasts = Schema.builder().addFields(idSchema.getFields())
        .addDateTimeField(CUTOFF)
        .addStringField(MODEL)
        .addInt32Field(HORIZON_STEP)
        .addDateTimeField(FORECAST_TIMESTAMP)
        .addNullableField(ACTUAL, FieldType.DOUBLE)
        .addDoubleField(FORECAST_VALUE);
    for (String column : quantileColumns) {
      forecasts.addNullableField(column, FieldType.DOUBLE);
    }
    this.forecastSchema = forecasts.build();
    this.quantileColumns = quantileColumns.size();
  }

  public Schema metricSchema() {
    return metricSchema;
  }

  public Schema forecastSchema() {
    return forecastSchema;
  }

  /** A scored window: its metrics (null where undefined) and an empty evaluate_status. */
  public Row metricRow(Row id, BacktestWindow window, String model, WindowMetrics metrics) {
    List<Object> values = metricKey(id, window.cutoffMillis(), model, window.actuals().length);
    for (Metric metric : Metric.values()) {
      values.add(metrics.get(metric));
    }
    values.add("");
    return Row.withSchema(metricSchema).attachValues(values);
  }

  /** A window that could not be scored: null metrics, the reason in evaluate_status. */
  public Row failureRow(Row id, long cutoffMillis, String model, int horizon, String reason) {
    List<Object> values = metricKey(id, cutoffMillis, model, horizon);
    for (int i = 0; i < Metric.values().length; i++) {
      values.add(null);
    }
    values.add(reason);
    return Row.withSchema(metricSchema).attachValues(values);
  }

  private List<Object> metricKey(Row id, long cutoffMillis, String model, int horizon) {
    List<Object> values = new ArrayList<>(metricSchema.getFieldCount());
    values.addAll(id.getValues());
    values.add(new Instant(cutoffMillis));
    values.add(model);
    values.add(horizon);
    return values;
  }

  /**
   * The window's forecast, one row per horizon step: the actual (null if missing), the point
   * forecast and, for a quantile model, its quantiles ([level][step], in the column order given
   * to the constructor; null for the baseline and point forecasters).
   */
  public List<Row> forecastRows(Row id, BacktestWindow window, String model, double[] forecast, double @Nullable [][] quantiles) {
    double[] actuals = window.actuals();
    long[] times = window.actualMillis();
    if (forecast.length != actuals.length) {
      throw new IllegalArgumentException(forecast.length + " forecast steps for " + actuals.length + " actuals");
    }
    if (quantiles != null && quantiles.length != quantileColumns) {
      throw new IllegalArgumentException(quantiles.length + " quantile rows for " + quantileColumns + " quantile columns");
    }
    Instant cutoff = new Instant(window.cutoffMillis());
    List<Row> rows = new ArrayList<>(actuals.length);
    for (int h = 0; h < actuals.length; h++) {
      List<Object> values = new ArrayList<>(forecastSchema.getFieldCount());
      values.addAll(id.getValues());
      values.add(cutoff);
      values.add(model);
      values.add(h + 1);
      values.add(new Instant(times[h]));
      values.add(Double.isNaN(actuals[h]) ? null : actuals[h]);
      values.add(forecast[h]);
      for (int q = 0; q < quantileColumns; q++) {
        values.add(quantiles == null ? null : quantiles[q][h]);
      }
      rows.add(Row.withSchema(forecastSchema).attachValues(values));
    }
    return rows;
  }

  /**
   * The line the CLI prints per model: {@code summary model=<id> series=<n> windows=<w>
   * smape=<..> mase=<..> crps=<..> coverage=<..> mase_relative=<..> crps_relative=<..>}, numbers
   * with 4 decimals, {@code null} where no window defines the figure.
   *
   * @param series the series with at least one scored window of this model
   */
  public static String summaryLine(String model, long series, MetricAggregate aggregate) {
    return "summary model=" + model
        + " series=" + series
        + " windows=" + aggregate.windows()
        + " smape=" + format(aggregate.mean(Metric.SMAPE))
        + " mase=" + format(aggregate.mean(Metric.MASE))
        + " crps=" + format(aggregate.mean(Metric.CRPS))
        + " coverage=" + format(aggregate.mean(Metric.COVERAGE))
        + " mase_relative=" + format(aggregate.maseRelative())
        + " crps_relative=" + format(aggregate.crpsRelative());
  }

  private static String format(@Nullable Double value) {
    return value == null ? "null" : String.format(Locale.ROOT, "%.4f", value);
  }
}
