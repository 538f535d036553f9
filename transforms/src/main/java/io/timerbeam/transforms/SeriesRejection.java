package io.timerbeam.transforms;

/** Why one series cannot be forecast: a short code (a metric and a column) and a readable detail. */
final class SeriesRejection extends Exception {
  private static final long serialVersionUID = 1L;

  static final String NULL_TIMESTAMP = "null_timestamp";
  static final String DUPLICATE_TIMESTAMP = "duplicate_timestamp";
  static final String UNKNOWN_FREQUENCY = "unknown_frequency";
  static final String OFF_GRID = "off_grid";
  static final String INVALID_VALUES = "invalid_values";
  static final String TOO_FEW_OBSERVATIONS = "too_few_observations";
  static final String VALUE_OUT_OF_RANGE = "value_out_of_range";
  static final String MODEL_ERROR = "model_error";
  static final String NON_FINITE_FORECAST = "non_finite_forecast";
  /** Anomalies: a window of target steps that cannot be forecast (too little before it, ...); its rows are failed. */
  static final String TARGET_WINDOW_FAILED = "target_window_failed";
  /** Anomalies: withTargetSince reaches further back than the points a series keeps. */
  static final String TARGET_TOO_LONG = "target_too_long";
  /** Anomalies with conformal bands: the calibration windows before the target cannot be forecast; its rows are failed. */
  static final String CALIBRATION_FAILED = "calibration_failed";
  /** Anomalies, history and target as two inputs: a series with target rows and no history row before them. */
  static final String NO_HISTORY = "no_history";

  private final String code;

  SeriesRejection(String code, String detail) {
    super(detail, null, false, false);
    this.code = code;
  }

  String code() {
    return code;
  }
}
