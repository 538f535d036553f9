package io.timerbeam.cli;

import io.timerbeam.cli.job.ForecastJob;
import io.timerbeam.cli.job.ForecastJobSpec;
import io.timerbeam.cli.job.OutputFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The main job: observations in, quantile forecasts out, on the DirectRunner or a Flink cluster. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
    description = "Forecast every series of the input with the checkpoint's model (Timer-S1: quantiles; Timer-XL: point forecasts) and write them (default: forecasts.duckdb, table forecasts).")
final class ForecastCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelOption model;

  @Mixin SeriesInputOptions inputs;

  @Mixin RunnerOptions runner;

  @Mixin IntervalOptions intervals;

  @Option(names = "--output", defaultValue = "forecasts.duckdb",
      description = "A .duckdb, .csv or .parquet path, duckdb:FILE#TABLE, a jdbc: URL, or bigquery:PROJECT.DATASET.TABLE (default ${DEFAULT-VALUE}).")
  String output;

  @Option(names = "--output-table", defaultValue = "forecasts", description = "Table written in a database (default ${DEFAULT-VALUE}).")
  String outputTable;

  @Option(names = "--horizon", defaultValue = "12", description = "Steps to forecast (default ${DEFAULT-VALUE}).")
  int horizon;

  @Option(names = "--max-horizon", defaultValue = "10000",
      description = "Largest --horizon accepted (default ${DEFAULT-VALUE}, as BigQuery's AI.FORECAST): each step costs model time and memory.")
  int maxHorizon;

  @Option(names = "--raw-quantiles", description = "Keep the model's own quantile order instead of sorted (monotone) bands.")
  boolean rawQuantiles;

  @Option(names = "--failures", defaultValue = "forecast-failures.csv",
      description = "CSV file receiving every unreadable row and unforecastable series with its reason (default ${DEFAULT-VALUE}).")
  Path failures;

  @Option(names = "--plot", description = "Write a PNG fan chart of the first series (by id).")
  Path plot;

  @Option(names = "--plot-series", defaultValue = "6", description = "Series in the plot (default ${DEFAULT-VALUE}).")
  int plotSeries;

  @Option(names = "--summary-json", description = "Also write the printed summary (series counts, failures by reason, rows written, wall time, model_workers) as JSON to this file.")
  Path summaryJson;

  @Override
  public Integer call() throws Exception {
    if (horizon <= 0) {
      throw new IllegalArgumentException("--horizon must be positive, got " + horizon);
    }
    if (horizon > maxHorizon) {
      throw new IllegalArgumentException("--horizon " + horizon + " is above --max-horizon " + maxHorizon
          + " (every step is a model pass and a row per series); raise --max-horizon to allow it");
    }
    if (plotSeries <= 0) {
      throw new IllegalArgumentException("--plot-series must be positive, got " + plotSeries);
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--output-table") && !ForecastJob.isDatabase(output)) {
      throw new IllegalArgumentException("--output-table " + outputTable + ": --output " + output
          + " is a file, not a database table; leave --output-table out");
    }
    ForecastJobSpec job = new ForecastJobSpec();
    job.model = model.resolve(spec.commandLine().getErr());
    job.demoWeights = model.isDemo();
    inputs.applyTo(job);
    job.workers = runner.workers();
    job.output = output;
    intervals.applyTo(job);
    job.outputTable = outputTable;
    job.horizon = horizon;
    job.rawQuantiles = rawQuantiles;
    job.failures = failures;
    job.plot = plot;
    job.plotSeries = plotSeries;
    job.summaryJson = summaryJson;
    // After every option check, before the pipeline options, whose registry takes seconds to load.
    ForecastJob.checkInput(job);
    OutputFiles.of(job).check(job.input, job.inputTable);
    return ForecastJob.run(job, runner.pipelineOptions(job, spec.commandLine().getErr()), spec.commandLine().getOut(), spec.commandLine().getErr()).exitCode();
  }
}
