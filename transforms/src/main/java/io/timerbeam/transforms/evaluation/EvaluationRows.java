package io.timerbeam.transforms.evaluation;

import io.timerbeam.transforms.Columns;
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
  public static final String ACTUAL = "actual";
  public static final String SERIES = "series";
  public static final String WINDOWS = "windows";
  public static final String MASE_RELATIVE = "mase_relative";
  public static final String CRPS_RELATIVE = "crps_relative";
  public static final String MASE_RELATIVE_SKIPPED = "mase_relative_skipped";
  public static final String CRPS_RELATIVE_SKIPPED = "crps_relative_skipped";
  /** The {@link #MODEL} of the baseline's rows. */
  public static final String SEASONAL_NAIVE = "seasonal_naive";

  /**
   * One row per model: the series and (series, window) pairs scored, the mean of every metric
   * (null where no window defines it), the relative figures and the windows they skip.
   */
  public static final Schema SUMMARY_SCHEMA = summarySchema();

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
        .addInt32Field(Columns.HORIZON_STEP)
        .addDateTimeField(Columns.FORECAST_TIMESTAMP)
        .addNullableField(ACTUAL, FieldType.DOUBLE)
        .addDoubleField(Columns.FORECAST_VALUE);
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

  /** A scored window of {@code horizon} steps: its metrics (null where undefined) and an empty evaluate_status. */
  public Row metricRow(Row id, long cutoffMillis, String model, int horizon, WindowMetrics metrics) {
    List<Object> values = metricKey(id, cutoffMillis, model, horizon);
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
   *
   * @param actuals the window's actuals, NaN = missing
   * @param times the time of each actual
   */
  public List<Row> forecastRows(
      Row id, long cutoffMillis, double[] actuals, long[] times, String model, double[] forecast, double @Nullable [][] quantiles) {
    if (forecast.length != actuals.length) {
      throw new IllegalArgumentException(forecast.length + " forecast steps for " + actuals.length + " actuals");
    }
    if (quantiles != null && quantiles.length != quantileColumns) {
      throw new IllegalArgumentException(quantiles.length + " quantile rows for " + quantileColumns + " quantile columns");
    }
    Instant cutoff = new Instant(cutoffMillis);
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

  /** The summary row of one model; its {@code series} counts the series with at least one window to forecast. */
  public static Row summaryRow(String model, MetricAggregate aggregate) {
    List<Object> values = new ArrayList<>(SUMMARY_SCHEMA.getFieldCount());
    values.add(model);
    values.add(aggregate.series());
    values.add(aggregate.windows());
    for (Metric metric : Metric.values()) {
      values.add(aggregate.mean(metric));
    }
    values.add(aggregate.maseRelative());
    values.add(aggregate.crpsRelative());
    values.add(aggregate.maseRelativeSkipped());
    values.add(aggregate.crpsRelativeSkipped());
    return Row.withSchema(SUMMARY_SCHEMA).attachValues(values);
  }

  /**
   * The line the CLI prints per model: {@code summary model=<id> series=<n> windows=<w>
   * smape=<..> mase=<..> crps=<..> coverage=<..> mase_relative=<..> crps_relative=<..>}, numbers
   * with 4 decimals, {@code null} where no window defines the figure.
   */
  public static String summaryLine(String model, MetricAggregate aggregate) {
    return summaryLine(summaryRow(model, aggregate));
  }

  /** The line of a {@link #SUMMARY_SCHEMA} row. */
  public static String summaryLine(Row summary) {
    return "summary model=" + summary.getString(MODEL)
        + " series=" + summary.getInt64(SERIES)
        + " windows=" + summary.getInt64(WINDOWS)
        + " smape=" + format(summary.getDouble(Metric.SMAPE.columnName()))
        + " mase=" + format(summary.getDouble(Metric.MASE.columnName()))
        + " crps=" + format(summary.getDouble(Metric.CRPS.columnName()))
        + " coverage=" + format(summary.getDouble(Metric.COVERAGE.columnName()))
        + " mase_relative=" + format(summary.getDouble(MASE_RELATIVE))
        + " crps_relative=" + format(summary.getDouble(CRPS_RELATIVE));
  }

  private static Schema summarySchema() {
    Schema.Builder summary = Schema.builder().addStringField(MODEL).addInt64Field(SERIES).addInt64Field(WINDOWS);
    for (Metric metric : Metric.values()) {
      summary.addNullableField(metric.columnName(), FieldType.DOUBLE);
    }
    return summary.addNullableField(MASE_RELATIVE, FieldType.DOUBLE)
        .addNullableField(CRPS_RELATIVE, FieldType.DOUBLE)
        .addInt64Field(MASE_RELATIVE_SKIPPED)
        .addInt64Field(CRPS_RELATIVE_SKIPPED)
        .build();
  }

  private static String format(@Nullable Double value) {
    return value == null ? "null" : String.format(Locale.ROOT, "%.4f", value);
  }
}
