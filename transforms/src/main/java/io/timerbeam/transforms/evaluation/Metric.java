package io.timerbeam.transforms.evaluation;

/**
 * Every accuracy metric of one (series, window, model), in output column order; the column
 * names are the lower-case enum names. Definitions: transforms/README-evaluation.md.
 */
public enum Metric {
  MAE,
  MSE,
  RMSE,
  MAPE,
  SMAPE,
  MASE,
  CRPS,
  COVERAGE,
  INTERVAL_WIDTH,
  MSIS;

  /** The column name in evaluation rows and the key in the summary line, e.g. {@code interval_width}. */
  public String columnName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
