package io.timerbeam.cli;

import io.timerbeam.cli.job.EvaluateJob;
import io.timerbeam.cli.job.EvaluateJobSpec;
import io.timerbeam.cli.job.ForecastJob;
import io.timerbeam.cli.job.OutputFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Backtests: rolling-origin windows per series, the model against the seasonal-naive baseline. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Backtest every series of the input (rolling-origin windows ending at its last point) with the model and the "
        + "seasonal-naive baseline; write one metric row per (series, cutoff, model) (default: evaluation.duckdb, table "
        + "evaluation) and print one summary line per model.")
final class EvaluateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelOption model;

  @Mixin SeriesInputOptions inputs;

  @Mixin RunnerOptions runner;

  @Option(names = "--horizon", required = true, description = "Steps per window, forecast from its cutoff and scored.")
  int horizon;

  @Option(names = "--windows", defaultValue = "1", description = "Windows per series (default ${DEFAULT-VALUE}).")
  int windows;

  @Option(names = "--step", description = "Steps between two windows' cutoffs (default: the horizon).")
  Integer step;

  @Option(names = "--season", description = "Season length m of the baseline and MASE (default: from the frequency, e.g. monthly 12, hourly 24).")
  Integer season;

  @Option(names = "--output", defaultValue = "evaluation.duckdb",
      description = "Metric rows: a .duckdb, .csv or .parquet path, duckdb:FILE#TABLE or a jdbc: URL (default ${DEFAULT-VALUE}).")
  String output;

  @Option(names = "--output-table", defaultValue = "evaluation", description = "Table of the metric rows in a database (default ${DEFAULT-VALUE}).")
  String outputTable;

  @Option(names = "--forecasts-output", description = "Per-step forecast rows (actual, forecast, quantiles), same formats as --output.")
  String forecastsOutput;

  @Option(names = "--forecasts-output-table", defaultValue = "evaluation_forecasts",
      description = "Table of the forecast rows in a database (default ${DEFAULT-VALUE}).")
  String forecastsOutputTable;

  @Option(names = "--failures", defaultValue = "evaluation-failures.csv",
      description = "CSV file receiving every unreadable row and unusable series with its reason (default ${DEFAULT-VALUE}).")
  Path failures;

  @Option(names = "--plot", description = "Write a PNG of the first --plot-series series (by id, 6 by default), one panel each: "
      + "actuals, the model's fan of each window, the windows shaded from their cutoffs.")
  Path plot;

  @Option(names = "--plot-series", defaultValue = "6", description = "Series in the plot (default ${DEFAULT-VALUE}).")
  int plotSeries;

  @Option(names = "--summary-json", description = "Also write the printed summary (series in / evaluated / failed / "
      + "with no window scored, each model's summary line, wall time) as JSON to this file.")
  Path summaryJson;

  @Override
  public Integer call() throws Exception {
    positive("--horizon", horizon);
    positive("--windows", windows);
    positive("--step", step);
    positive("--season", season);
    positive("--plot-series", plotSeries);
    EvaluateJobSpec job = new EvaluateJobSpec();
    job.model = model.resolve(spec.commandLine().getErr());
    job.demoWeights = model.isDemo();
    inputs.applyTo(job);
    job.workers = runner.workers();
    job.horizon = horizon;
    job.windows = windows;
    job.step = step;
    job.season = season;
    job.output = output;
    job.outputTable = outputTable;
    job.forecastsOutput = forecastsOutput;
    job.forecastsOutputTable = forecastsOutputTable;
    job.failures = failures;
    job.plot = plot;
    job.plotSeries = plotSeries;
    job.summaryJson = summaryJson;
    // After every option check, before the pipeline options, whose registry takes seconds to load.
    ForecastJob.checkInput(job);
    OutputFiles.of(job).location("--forecasts-output", forecastsOutput, forecastsOutputTable).check(job.input, job.inputTable);
    EvaluateJob.run(job, runner.pipelineOptions(job, spec.commandLine().getErr()), spec.commandLine().getOut());
    return 0;
  }

  private static void positive(String option, Integer value) {
    if (value != null && value <= 0) {
      throw new IllegalArgumentException(option + " must be positive, got " + value);
    }
  }
}
