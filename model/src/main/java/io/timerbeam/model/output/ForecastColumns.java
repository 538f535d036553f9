package io.timerbeam.model.output;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The output column names of the forecast contract, written once for every face that writes them
 * without Beam (Flink SQL's {@code ML_PREDICT}) and with it ({@code io.timerbeam.transforms.Columns}
 * extends this class and adds the Beam schemas): BigQuery AI.FORECAST's forecast columns, the
 * quantile and per-level interval names, the anomaly and failure columns.
 */
public class ForecastColumns {
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

  /** Only the Beam face ({@code Columns}) extends it, to inherit the names; nothing instantiates either. */
  protected ForecastColumns() {}

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
}
