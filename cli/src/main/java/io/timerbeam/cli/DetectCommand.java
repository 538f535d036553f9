package io.timerbeam.cli;

import io.timerbeam.cli.job.DetectJob;
import io.timerbeam.cli.job.DetectJobSpec;
import io.timerbeam.cli.job.ForecastJob;
import io.timerbeam.cli.job.OutputFiles;
import io.timerbeam.model.ModelConfigs;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Anomaly detection: each series' target points scored against rolling forecasts made from the points before them. */
@Command(name = "detect", mixinStandardHelpOptions = true,
    description = "Score each series' last N points (--target-last) or its points since a time (--target-since) against "
        + "rolling forecasts from the points before them, and write one row per point with is_anomaly, lower_bound, "
        + "upper_bound and anomaly_probability (default: anomalies.duckdb, table anomalies).")
final class DetectCommand implements Callable<Integer> {
  static final String SEASONAL_NAIVE = "seasonal-naive";
  static final int DEFAULT_CALIBRATION_WINDOWS = 10;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ModelOption model;

  @Mixin SeriesInputOptions inputs;

  @Mixin RunnerOptions runner;

  @Option(names = "--target-last", description = "Score each series' last N points.")
  Integer targetLast;

  @Option(names = "--target-since", description = "Score each series' points at or after this time: 2024-05-01, "
      + "2024-05-01T06:00 (both in --time-zone) or 2024-05-01T06:00:00Z.")
  String targetSince;

  @Option(names = "--threshold", defaultValue = "0.95",
      description = "A point is an anomaly when its anomaly_probability exceeds this (default ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--horizon", description = "Steps per rolling forecast (default: 96 with a model, the season with seasonal-naive).")
  Integer horizon;

  @Option(names = "--season", description = "Season m of the seasonal-naive detector (default: from the frequency, e.g. hourly 24).")
  Integer season;

  @Option(names = "--output", defaultValue = "anomalies.duckdb",
      description = "A .duckdb, .csv or .parquet path, duckdb:FILE#TABLE, a jdbc: URL, or bigquery:PROJECT.DATASET.TABLE (default ${DEFAULT-VALUE}).")
  String output;

  @Option(names = "--output-table", defaultValue = "anomalies", description = "Table written in a database (default ${DEFAULT-VALUE}).")
  String outputTable;

  @Option(names = "--calibration", description = "Bands: quantiles (the forecaster's own) or conformal (its point forecast "
      + "-/+ its absolute errors on --calibration-windows windows before the target). Default: conformal for a point "
      + "forecaster (Timer-XL, which has no quantiles), quantiles otherwise.")
  String calibration;

  @Option(names = "--calibration-windows", description = "Windows of --horizon steps before the target whose errors give "
      + "conformal bands (default " + DEFAULT_CALIBRATION_WINDOWS + "); each costs one more forecast per series.")
  Integer calibrationWindows;

  @Option(names = "--summary-json", description = "Also write the printed summary as JSON to this file.")
  Path summaryJson;

  @Option(names = "--plot", description = "Write a PNG of the first scored series (by id): the series, each scored point's "
      + "bounds, the anomalies marked in red.")
  Path plot;

  @Option(names = "--plot-series", defaultValue = "6", description = "Series in the plot (default ${DEFAULT-VALUE}).")
  int plotSeries;

  @Option(names = "--failures", defaultValue = "anomaly-failures.csv",
      description = "CSV file receiving every unreadable row, unusable series and unscored window with its reason (default ${DEFAULT-VALUE}).")
  Path failures;

  @Override
  public Integer call() throws Exception {
    if ((targetLast == null) == (targetSince == null)) {
      throw new IllegalArgumentException("give one of --target-last N or --target-since TIME");
    }
    if (targetLast != null && targetLast <= 0) {
      throw new IllegalArgumentException("--target-last must be positive, got " + targetLast);
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("--threshold must be in (0, 1), got " + threshold);
    }
    positive("--horizon", horizon);
    positive("--season", season);
    positive("--calibration-windows", calibrationWindows);
    positive("--plot-series", plotSeries);
    if (calibration != null && !calibration.equals("quantiles") && !calibration.equals("conformal")) {
      throw new IllegalArgumentException("--calibration must be quantiles or conformal, got '" + calibration + "'");
    }
    if ("quantiles".equals(calibration) && calibrationWindows != null) {
      throw new IllegalArgumentException("--calibration-windows is for --calibration conformal, not quantiles");
    }
    DetectJobSpec job = new DetectJobSpec();
    boolean naive = SEASONAL_NAIVE.equals(model.model);
    job.model = naive ? null : model.resolve(spec.commandLine().getErr());
    job.demoWeights = !naive && model.isDemo();
    inputs.applyTo(job);
    job.workers = runner.workers();
    job.output = output;
    job.outputTable = outputTable;
    job.failures = failures;
    job.targetLast = targetLast;
    job.targetSince = targetSince == null ? null : instant(targetSince, ZoneId.of(job.timeZone));
    job.threshold = threshold;
    job.windowSteps = horizon;
    job.season = season;
    job.calibrationWindows = conformal(job.model) ? (calibrationWindows != null ? calibrationWindows : DEFAULT_CALIBRATION_WINDOWS)
        : null;
    job.summaryJson = summaryJson;
    job.plot = plot;
    job.plotSeries = plotSeries;
    // After every option check, before the pipeline options, whose registry takes seconds to load.
    ForecastJob.checkInput(job);
    OutputFiles.of(job).check(job.input, job.inputTable);
    return DetectJob.run(job, runner.pipelineOptions(job, spec.commandLine().getErr()), spec.commandLine().getOut()).exitCode();
  }

  /** Whether the bands are conformal: asked for, or the only ones a point forecaster has. */
  private boolean conformal(Path checkpoint) throws java.io.IOException {
    boolean pointForecaster = checkpoint != null && ModelConfigs.read(checkpoint).quantileLevels().length < 2;
    if (pointForecaster && "quantiles".equals(calibration)) {
      throw new IllegalArgumentException("--calibration quantiles: " + checkpoint + " gives point forecasts only (Timer-XL); "
          + "use --calibration conformal");
    }
    return "conformal".equals(calibration) || calibrationWindows != null || (calibration == null && pointForecaster);
  }

  private static void positive(String option, Integer value) {
    if (value != null && value <= 0) {
      throw new IllegalArgumentException(option + " must be positive, got " + value);
    }
  }

  private static Instant instant(String text, ZoneId zone) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return LocalDateTime.parse(text).atZone(zone).toInstant();
      } catch (DateTimeParseException notADateTime) {
        try {
          return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("--target-since: cannot read '" + text
              + "'; give 2024-05-01, 2024-05-01T06:00 or 2024-05-01T06:00:00Z");
        }
      }
    }
  }
}
