package io.timerbeam.cli.job;

import java.nio.file.Path;

/**
 * What the anomaly job reads, scores and writes: the input and model options of
 * {@link ForecastJobSpec} ({@code output} receives the anomaly rows; {@code model} null for the
 * seasonal-naive detector), plus the target and the threshold.
 */
public final class DetectJobSpec extends ForecastJobSpec {
  /** The target: each series' last N points, or (when null) its points since {@link #targetSince}. */
  public Integer targetLast;
  public java.time.Instant targetSince;
  public double threshold = 0.95;
  /** Steps per rolling window, null = the transform's default. */
  public Integer windowSteps;
  /** Season of the seasonal-naive detector, null = from each series' frequency. */
  public Integer season;
  /** Conformal bands from this many windows before the target; null = the forecaster's own quantiles. */
  public Integer calibrationWindows;

  public DetectJobSpec() {
    output = "anomalies.duckdb";
    outputTable = "anomalies";
    failures = Path.of("anomaly-failures.csv");
  }

  /** True when no checkpoint runs: the seasonal-naive detector. */
  public boolean seasonalNaive() {
    return model == null;
  }
}
