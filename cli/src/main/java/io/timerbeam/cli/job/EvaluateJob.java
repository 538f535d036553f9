package io.timerbeam.cli.job;

import io.timerbeam.cli.plot.FanChart;
import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.ObservationReadResult;
import io.timerbeam.model.ModelConfigs;
import io.timerbeam.transforms.BacktestResult;
import io.timerbeam.transforms.Columns;
import io.timerbeam.transforms.TimerBacktest;
import io.timerbeam.transforms.evaluation.EvaluationRows;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The evaluation job: read observations, backtest every series (the model and the seasonal-naive
 * baseline), write the metric rows idempotently (key: ids, cutoff, model), optionally the
 * per-step forecast rows, every failure with its reason, optionally a fan chart of a few series'
 * windows, and print one summary line per model.
 */
public final class EvaluateJob {
  private EvaluateJob() {}

  /** Builds and runs the job; returns the summary lines it printed last (the model's, then the baseline's). */
  public static List<String> run(EvaluateJobSpec spec, PipelineOptions options, PrintWriter out) throws IOException {
    Path summary = Files.createTempFile("timers1-summary", ".txt");
    Path plotSample = spec.plot == null ? null : Files.createTempFile("timers1-plot", ".tsv");
    Path metricsFile = ForecastJob.localOutputFile(spec.output);
    Path forecastsFile = spec.forecastsOutput == null ? null : ForecastJob.localOutputFile(spec.forecastsOutput);
    try (StagingDirectories staging = new StagingDirectories()) {
      // As forecast's: files are staged and moved into place together once the run succeeded, so a run
      // that fails or is killed leaves the earlier run's metrics, forecasts and failures as they were.
      Path stagedMetrics = staging.stagedFile(metricsFile);
      Path stagedForecasts = staging.stagedFile(forecastsFile);
      Path stagedFailures = staging.stagedFile(spec.failures);
      Pipeline pipeline = Pipeline.create(options);
      build(pipeline, spec, summary, plotSample, staging, stagedMetrics, stagedForecasts, stagedFailures);
      long started = System.nanoTime();
      PipelineResult result = RunToEnd.of(pipeline);
      StagingDirectories.publish(stagedMetrics, metricsFile);
      StagingDirectories.publish(stagedForecasts, forecastsFile);
      StagingDirectories.publish(stagedFailures, spec.failures);
      double seconds = (System.nanoTime() - started) / 1e9;
      List<String> lines = new ArrayList<>(Files.readAllLines(summary, StandardCharsets.UTF_8));
      // The model's line first, the baseline's last; a run with no scored window has none.
      lines.sort(Comparator.comparing((String line) -> line.startsWith("summary model=" + EvaluationRows.SEASONAL_NAIVE + " "))
          .thenComparing(Comparator.naturalOrder()));
      EvaluationCounts counts = EvaluationCounts.of(result, lines);
      out.println(counts.line());
      if (counts.rowsUnreadable > 0) {
        out.printf("input rows that could not be read: %d%n", counts.rowsUnreadable);
      }
      out.printf("metric rows written to %s%n", Locations.described(spec.output, spec.outputTable));
      if (spec.forecastsOutput != null) {
        out.printf("forecast rows written to %s%n", Locations.described(spec.forecastsOutput, spec.forecastsOutputTable));
      }
      out.printf("failures and their reasons: %s%n", spec.failures);
      if (plotSample != null) {
        writePlot(spec, plotSample);
        out.printf("plot: %s%n", spec.plot);
      }
      double wall = WallTime.sinceJvmStart();
      out.println(WallTime.line(wall, seconds));
      lines.forEach(out::println);
      out.flush();
      if (spec.summaryJson != null) {
        counts.writeJson(spec.summaryJson, lines, wall, seconds);
      }
      return lines;
    } finally {
      Files.deleteIfExists(summary);
      if (plotSample != null) {
        Files.deleteIfExists(plotSample);
      }
    }
  }

  /** The fan chart of the sampled series: each shows its windows and the history before the first. */
  private static void writePlot(EvaluateJobSpec spec, Path plotSample) throws IOException {
    double[] levels = ModelConfigs.read(spec.model).quantileLevels();
    Arrays.sort(levels);
    int step = spec.step != null ? spec.step : spec.horizon;
    int historyPoints = (spec.windows - 1) * step + spec.horizon + Math.max(100, 4 * spec.horizon);
    FanChart.write(spec.plot, PlotSample.read(plotSample, levels, historyPoints), spec.plotSeries, spec.valueColumn,
        spec.demoWeights);
  }

  /**
   * The pipeline's transforms; the summary lines go to {@code summaryLines}, the plot's data to
   * {@code plotSample} (null: no plot); local files to their staged paths (null: not a local file),
   * their temporary files in {@code staging}'s directories.
   */
  static void build(Pipeline pipeline, EvaluateJobSpec spec, Path summaryLines, Path plotSample, StagingDirectories staging,
      Path stagedMetrics, Path stagedForecasts, Path stagedFailures) {
    ObservationReadResult read = ForecastJob.readObservations(pipeline, spec);
    TimerBacktest backtest = ForecastJob.forecast(spec).backtest().withWindows(spec.windows);
    if (spec.step != null) {
      backtest = backtest.withStep(spec.step);
    }
    if (spec.season != null) {
      backtest = backtest.withSeason(spec.season);
    }
    BacktestResult result = read.observations().apply("Backtest", backtest);
    List<String> key = new ArrayList<>(spec.idColumns);
    key.add(EvaluationRows.CUTOFF);
    key.add(EvaluationRows.MODEL);
    result.metrics().apply("WriteMetrics", ForecastIO.writeForecasts()
        .to(ForecastJob.sink(spec.output, spec.outputTable, staging, stagedMetrics))
        .withKeyColumns(key.toArray(new String[0])));
    if (spec.forecastsOutput != null) {
      key.add(Columns.HORIZON_STEP);
      result.forecasts().apply("WriteForecasts", ForecastIO.writeForecasts()
          .to(ForecastJob.sink(spec.forecastsOutput, spec.forecastsOutputTable, staging, stagedForecasts))
          .withKeyColumns(key.toArray(new String[0])));
    }
    ForecastJob.writeFailures(read, result.failures(), spec, staging, stagedFailures);
    if (plotSample != null) {
      PlotSample.writeBacktest(read.observations(), result.forecasts(), spec, plotSample.toString());
    }
    result.summary()
        .apply("SummaryLines", MapElements.into(TypeDescriptors.strings()).via(EvaluationRows::summaryLine))
        .apply("WriteSummaryLines", TextIO.write().to(summaryLines.toString()).withoutSharding());
  }
}
