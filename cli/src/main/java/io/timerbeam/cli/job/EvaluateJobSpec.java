package io.timerbeam.cli.job;

import java.nio.file.Path;

/**
 * What the evaluation job reads, backtests and writes: the input and model options of
 * {@link ForecastJobSpec} (there {@code output} receives the metric rows), plus the windows.
 */
public final class EvaluateJobSpec extends ForecastJobSpec {
  public int windows = 1;
  /** Steps between cutoffs, null = the horizon. */
  public Integer step;
  /** Season length, null = from each series' frequency. */
  public Integer season;
  /** Where the per-step forecast rows go, or null for nowhere. */
  public String forecastsOutput;
  public String forecastsOutputTable = "evaluation_forecasts";

  public EvaluateJobSpec() {
    output = "evaluation.duckdb";
    outputTable = "evaluation";
    failures = Path.of("evaluation-failures.csv");
  }
}
