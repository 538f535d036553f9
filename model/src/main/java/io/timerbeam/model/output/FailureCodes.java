package io.timerbeam.model.output;

/**
 * The {@code error_code} values of failure rows, shared by the Beam transforms and the Flink SQL
 * provider (meanings: README-transforms.md, error codes).
 */
public final class FailureCodes {
  private FailureCodes() {}

  public static final String NULL_TIMESTAMP = "null_timestamp";
  public static final String DUPLICATE_TIMESTAMP = "duplicate_timestamp";
  public static final String UNKNOWN_FREQUENCY = "unknown_frequency";
  public static final String OFF_GRID = "off_grid";
  public static final String INVALID_VALUES = "invalid_values";
  public static final String TOO_FEW_OBSERVATIONS = "too_few_observations";
  public static final String VALUE_OUT_OF_RANGE = "value_out_of_range";
  public static final String MODEL_ERROR = "model_error";
  public static final String NON_FINITE_FORECAST = "non_finite_forecast";
  /** Anomalies: a window of target steps that cannot be forecast (too little before it, ...); its rows are failed. */
  public static final String TARGET_WINDOW_FAILED = "target_window_failed";
  /** Anomalies: withTargetSince reaches further back than the points a series keeps. */
  public static final String TARGET_TOO_LONG = "target_too_long";
  /** Anomalies with conformal bands: the calibration windows before the target cannot be forecast; its rows are failed. */
  public static final String CALIBRATION_FAILED = "calibration_failed";
  /** Anomalies, history and target as two inputs: a series with target rows and no history row before them. */
  public static final String NO_HISTORY = "no_history";
}
