package io.timerbeam.transforms;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The column contract, written once (README-transforms.md, "Column contract"): the default
 * observation names (Nixtla's {@code unique_id, ds, y}), the forecast rows' columns (BigQuery
 * AI.FORECAST's names), the quantile and per-level interval column names, and the failure rows
 * that reading, assembly and forecasting share. Which input column plays which part travels on the
 * schema itself: {@link ColumnRole}.
 */
public final class Columns {
  /** The id column when none is declared or stamped. */
  public static final String UNIQUE_ID = "unique_id";
  /** The timestamp column when none is declared or stamped. */
  public static final String DS = "ds";
  /** The value column when none is declared or stamped. */
  public static final String Y = "y";

  public static final String FORECAST_TIMESTAMP = "forecast_timestamp";
  public static final String HORIZON_STEP = "horizon_step";
  public static final String FORECAST_VALUE = "forecast_value";
  public static final String LOWER_BOUND = "prediction_interval_lower_bound";
  public static final String UPPER_BOUND = "prediction_interval_upper_bound";
  public static final String CONFIDENCE_LEVEL = "confidence_level";
  public static final String CONTEXT_END_TIMESTAMP = "context_end_timestamp";
  public static final String MODEL_ID = "model_id";

  /** Anomaly rows (TimerForecast.anomalies()): whether anomaly_probability exceeds the threshold; null for a missing value. */
  public static final String IS_ANOMALY = "is_anomaly";
  /** Anomaly rows: the forecast distribution's quantile (1 - threshold) / 2. */
  public static final String ANOMALY_LOWER_BOUND = "lower_bound";
  /** Anomaly rows: the forecast distribution's quantile (1 + threshold) / 2. */
  public static final String ANOMALY_UPPER_BOUND = "upper_bound";
  /** Anomaly rows: |2F(y) - 1|, F the forecast distribution's CDF; null for a missing value. */
  public static final String ANOMALY_PROBABILITY = "anomaly_probability";
  /** Anomaly rows: true when the bounds' levels lie beyond the model's outermost quantiles (read from the tails). */
  public static final String BOUNDS_EXTRAPOLATED = "bounds_extrapolated";

  /** The failure rows' reason code column (codes: README-transforms.md); the id columns precede it. */
  public static final String ERROR_CODE = "error_code";
  /** The failure rows' readable reason column: where (file:line, table, series) and why. */
  public static final String ERROR_MESSAGE = "error_message";

  private static final Set<String> FIXED = Set.of(FORECAST_TIMESTAMP, HORIZON_STEP, FORECAST_VALUE, LOWER_BOUND,
      UPPER_BOUND, CONFIDENCE_LEVEL, CONTEXT_END_TIMESTAMP, MODEL_ID, ERROR_CODE, ERROR_MESSAGE, IS_ANOMALY, ANOMALY_LOWER_BOUND,
      ANOMALY_UPPER_BOUND, ANOMALY_PROBABILITY, BOUNDS_EXTRAPOLATED);
  private static final Pattern QUANTILE = Pattern.compile("q\\d+(_\\d+)?");
  private static final Pattern LEVEL_BOUND =
      Pattern.compile("(" + LOWER_BOUND + "|" + UPPER_BOUND + ")_\\d+(_\\d+)?");

  private Columns() {}

  /** The quantile column of {@code level}: {@code q10} for 0.1, {@code q2_5} for 0.025. */
  public static String quantileColumn(double level) {
    return "q" + BigDecimal.valueOf(level).movePointRight(2).stripTrailingZeros().toPlainString().replace('.', '_');
  }

  /** Whether {@code column} is named as {@link #quantileColumn} names them. */
  public static boolean isQuantileColumn(String column) {
    return QUANTILE.matcher(column).matches();
  }

  /** The lower bound column of one level of {@code withLevels}: {@code prediction_interval_lower_bound_80}. */
  public static String lowerBoundColumn(double level) {
    return levelColumn(LOWER_BOUND, level);
  }

  /** The upper bound column of one level of {@code withLevels}: {@code prediction_interval_upper_bound_80}. */
  public static String upperBoundColumn(double level) {
    return levelColumn(UPPER_BOUND, level);
  }

  private static String levelColumn(String bound, double level) {
    return bound + "_" + IntervalLevels.percent(level).replace('.', '_');
  }

  /** Whether forecast or failure rows have a column of this name, so an id column may not take it. */
  public static boolean isOutputColumn(String column) {
    return FIXED.contains(column) || isQuantileColumn(column) || LEVEL_BOUND.matcher(column).matches();
  }

  /**
   * The anomaly rows of {@code TimerForecast.anomalies()}: the input's id columns (stamped {@code id}),
   * its timestamp column (DATETIME) and value column (DOUBLE, null = missing), then
   * {@code is_anomaly}, {@code lower_bound}, {@code upper_bound}, {@code anomaly_probability},
   * {@code bounds_extrapolated}, {@code model_id}.
   */
  public static Schema anomalySchema(Schema idSchema, String timestampColumn, String valueColumn) {
    return Schema.builder().addFields(idSchema.getFields())
        .addField(ColumnRole.TIMESTAMP.stamp(Schema.Field.of(timestampColumn, Schema.FieldType.DATETIME)))
        .addField(ColumnRole.VALUE.stamp(Schema.Field.nullable(valueColumn, Schema.FieldType.DOUBLE)))
        .addNullableField(IS_ANOMALY, Schema.FieldType.BOOLEAN)
        .addDoubleField(ANOMALY_LOWER_BOUND)
        .addDoubleField(ANOMALY_UPPER_BOUND)
        .addNullableField(ANOMALY_PROBABILITY, Schema.FieldType.DOUBLE)
        .addBooleanField(BOUNDS_EXTRAPOLATED)
        .addStringField(MODEL_ID)
        .build();
  }

  /**
   * The failure rows of reading, assembly and forecasting alike: the id columns (nullable: a record
   * that could not be read may have no id), {@code error_code}, {@code error_message}.
   */
  public static Schema failureSchema(Schema idSchema) {
    Schema.Builder failure = Schema.builder();
    for (Schema.Field id : idSchema.getFields()) {
      failure.addField(ColumnRole.ID.stamp(id).withNullable(true));
    }
    return failure.addStringField(ERROR_CODE).addStringField(ERROR_MESSAGE).build();
  }
}
