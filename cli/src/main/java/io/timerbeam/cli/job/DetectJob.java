package io.timerbeam.cli.job;

import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.ObservationReadResult;
import io.timerbeam.cli.plot.AnomalyChart;
import io.timerbeam.model.checkpoint.Checkpoint;
import io.timerbeam.transforms.AnomalyResult;
import io.timerbeam.transforms.Columns;
import io.timerbeam.transforms.TimerAnomalies;
import io.timerbeam.transforms.TimerMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The anomaly job: read observations, score each series' target points against rolling forecasts
 * (a checkpoint's quantiles or the seasonal-naive detector), write the anomaly rows idempotently
 * (key: ids, timestamp, model_id) and every failure with its reason, and print a summary whose
 * target-point counts reconcile (in = scored + failed), with the windows forecast and the engine
 * calls they cost; optionally the summary as JSON and a PNG of the series with their anomalies.
 */
public final class DetectJob {

  private DetectJob() {}

  /** What a finished run did, from the pipeline's metrics. */
  public static final class Summary {
    public long seriesIn;
    public long targetPointsIn;
    public long scored;
    public long failed;
    public long anomalies;
    public long rowsUnreadable;
    /** Windows forecast: those scoring target points, and those calibrating conformal bands. */
    public long targetWindows;
    public long calibrationWindows;
    /** Engine calls (batches of windows); 0 for the seasonal-naive detector. */
    public long engineCalls;
    public double wallSeconds;
    public double pipelineSeconds;

    /** 0: some target point was scored; 3: none could be. */
    public int exitCode() {
      return scored == 0 ? 3 : 0;
    }
  }

  public static Summary run(DetectJobSpec spec, PipelineOptions options, PrintWriter out) throws IOException {
    if (spec.model != null) {
      Checkpoint.open(spec.model); // a corrupt checkpoint is named now, not by every worker that loads it
    }
    Path outputFile = ForecastJob.localOutputFile(spec.output);
    Path plotSample = spec.plot == null ? null : Files.createTempFile("timers1-plot", ".tsv");
    try (StagingDirectories staging = new StagingDirectories()) {
      // As forecast's: files are staged and moved into place together once the run succeeded, so a run
      // that fails or is killed leaves the earlier run's anomalies and failures as they were, together.
      Path stagedOutput = staging.stagedFile(outputFile);
      Path stagedFailures = staging.stagedFile(spec.failures);
      Pipeline pipeline = Pipeline.create(options);
      build(pipeline, spec, plotSample, staging, stagedOutput, stagedFailures);
      long started = System.nanoTime();
      PipelineResult result = RunToEnd.of(pipeline);
      StagingDirectories.publish(stagedOutput, outputFile);
      StagingDirectories.publish(stagedFailures, spec.failures);
      Summary s = summarise(result);
      s.pipelineSeconds = (System.nanoTime() - started) / 1e9;
      s.wallSeconds = WallTime.sinceJvmStart();
      if (plotSample != null && s.scored > 0) {
        AnomalyChart.write(spec.plot, AnomalyPlotSample.read(plotSample), spec.plotSeries, spec.valueColumn, spec.threshold,
            spec.demoWeights);
      }
      print(s, spec, out);
      if (spec.summaryJson != null) {
        SummaryJson.write(json(s, spec), spec.summaryJson);
      }
      return s;
    } finally {
      if (plotSample != null) {
        Files.deleteIfExists(plotSample);
      }
    }
  }

  private static Summary summarise(PipelineResult result) {
    Summary s = new Summary();
    s.seriesIn = TimerMetrics.counter(result, TimerMetrics.FORECAST_NAMESPACE, "series_in");
    s.targetPointsIn = TimerMetrics.counter(result, TimerMetrics.ANOMALY_NAMESPACE, "target_points_in");
    s.scored = TimerMetrics.counter(result, TimerMetrics.ANOMALY_NAMESPACE, "target_points_scored");
    s.failed = TimerMetrics.counter(result, TimerMetrics.ANOMALY_NAMESPACE, "target_points_failed");
    s.anomalies = TimerMetrics.counter(result, TimerMetrics.ANOMALY_NAMESPACE, "anomalies");
    s.targetWindows = TimerMetrics.counter(result, TimerMetrics.ANOMALY_NAMESPACE, "target_windows");
    s.calibrationWindows = TimerMetrics.counter(result, TimerMetrics.ANOMALY_NAMESPACE, "calibration_windows");
    s.engineCalls = TimerMetrics.counter(result, TimerMetrics.FORECAST_NAMESPACE, "batches");
    s.rowsUnreadable = TimerMetrics.counter(result, FailureLines.NAMESPACE, FailureLines.READ_FAILURES);
    return s;
  }

  private static void print(Summary s, DetectJobSpec spec, PrintWriter out) {
    out.printf("series: %d in%n", s.seriesIn);
    out.printf("target points: %d in, %d scored, %d failed; %d anomalies (threshold %s, model %s)%n", s.targetPointsIn,
        s.scored, s.failed, s.anomalies, spec.threshold, spec.seasonalNaive() ? "seasonal_naive" : spec.model);
    out.printf("bands: %s; windows forecast: %d target + %d calibration; engine calls: %d%n", bands(spec), s.targetWindows,
        s.calibrationWindows, s.engineCalls);
    if (s.rowsUnreadable > 0) {
      out.printf("input rows that could not be read: %d%n", s.rowsUnreadable);
    }
    out.printf("anomaly rows written: %d to %s%n", s.scored, Locations.described(spec.output, spec.outputTable));
    out.printf("failures and their reasons: %s%n", spec.failures);
    if (spec.plot != null) {
      out.printf(s.scored > 0 ? "plot: %s%n" : "plot: none, no point was scored (%s not written)%n", spec.plot);
    }
    out.println(WallTime.line(s.wallSeconds, s.pipelineSeconds));
    out.flush();
  }

  private static String bands(DetectJobSpec spec) {
    return spec.calibrationWindows == null ? "quantiles"
        : "conformal (" + spec.calibrationWindows + " calibration windows per series)";
  }

  private static Map<String, Object> json(Summary s, DetectJobSpec spec) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("series_in", s.seriesIn);
    json.put("target_points_in", s.targetPointsIn);
    json.put("target_points_scored", s.scored);
    json.put("target_points_failed", s.failed);
    json.put("anomalies", s.anomalies);
    json.put("threshold", spec.threshold);
    json.put("model", spec.seasonalNaive() ? "seasonal_naive" : spec.model.toString());
    json.put("bands", spec.calibrationWindows == null ? "quantiles" : "conformal");
    json.put("calibration_windows_per_series", spec.calibrationWindows);
    json.put("target_windows", s.targetWindows);
    json.put("calibration_windows", s.calibrationWindows);
    json.put("engine_calls", s.engineCalls);
    json.put("input_rows_unreadable", s.rowsUnreadable);
    json.put("anomaly_rows", s.scored);
    json.put("wall_seconds", s.wallSeconds);
    json.put("pipeline_seconds", s.pipelineSeconds);
    json.put("exit_code", s.exitCode());
    return json;
  }

  /**
   * The pipeline's transforms; the plot's data to {@code plotSample} (null: no plot); a local --output file
   * to {@code stagedOutput} (null: not a local file) and the failures to {@code stagedFailures}, their
   * temporary files in {@code staging}'s directories.
   */
  static void build(Pipeline pipeline, DetectJobSpec spec, Path plotSample, StagingDirectories staging, Path stagedOutput,
      Path stagedFailures) {
    ObservationReadResult read = ForecastJob.readObservations(pipeline, spec);
    AnomalyResult result = read.observations().apply("DetectAnomalies", detector(spec));
    List<String> key = new ArrayList<>(spec.idColumns);
    key.add(spec.timestampColumn);
    key.add(Columns.MODEL_ID);
    result.anomalies().apply("WriteAnomalies", ForecastIO.writeForecasts()
        .to(ForecastJob.sink(spec.output, spec.outputTable, staging, stagedOutput))
        .withKeyColumns(key.toArray(new String[0])));
    ForecastJob.writeFailures(read, result.failures(), spec, staging, stagedFailures);
    if (plotSample != null) {
      AnomalyPlotSample.write(read.observations(), result.anomalies(), spec, plotSample.toString());
    }
  }

  /** The anomaly transform the spec's options describe. */
  static TimerAnomalies detector(DetectJobSpec spec) {
    TimerAnomalies detect = ForecastJob.forecast(spec).anomalies().withThreshold(spec.threshold);
    detect = spec.targetLast != null ? detect.withTargetLast(spec.targetLast) : detect.withTargetSince(spec.targetSince);
    if (spec.seasonalNaive()) {
      detect = detect.withSeasonalNaive();
    }
    if (spec.windowSteps != null) {
      detect = detect.withHorizon(spec.windowSteps);
    }
    if (spec.season != null) {
      detect = detect.withSeason(spec.season);
    }
    if (spec.calibrationWindows != null) {
      detect = detect.withConformal(spec.calibrationWindows);
    }
    return detect;
  }
}
