package io.timerbeam.examples.job;

import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.ObservationReadResult;
import io.timerbeam.model.checkpoint.Checkpoint;
import io.timerbeam.transforms.AnomalyResult;
import io.timerbeam.transforms.Columns;
import io.timerbeam.transforms.TimerAnomalies;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The anomaly job: read observations, score each series' target points against rolling forecasts
 * (a checkpoint's quantiles or the seasonal-naive detector), write the anomaly rows idempotently
 * (key: ids, timestamp, model_id) and every failure with its reason, and print a summary whose
 * target-point counts reconcile (in = scored + failed).
 */
public final class DetectJob {
  private static final String ANOMALY_METRICS = "timer_anomalies";
  private static final String FORECAST_METRICS = "timer_forecast";

  private DetectJob() {}

  /** What a finished run did, from the pipeline's metrics. */
  public static final class Summary {
    public long seriesIn;
    public long targetPointsIn;
    public long scored;
    public long failed;
    public long anomalies;
    public long rowsUnreadable;

    /** 0: some target point was scored; 3: none could be. */
    public int exitCode() {
      return scored == 0 ? 3 : 0;
    }
  }

  public static Summary run(DetectJobSpec spec, PipelineOptions options, PrintWriter out) throws IOException {
    if (spec.model != null) {
      Checkpoint.open(spec.model); // a corrupt checkpoint is named now, not by every worker that loads it
    }
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, spec);
    Files.deleteIfExists(spec.failures);
    long started = System.nanoTime();
    PipelineResult result = pipeline.run();
    PipelineResult.State state = result.waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("the pipeline ended " + state);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Summary s = new Summary();
    s.seriesIn = ForecastJob.counter(result, FORECAST_METRICS, "series_in");
    s.targetPointsIn = ForecastJob.counter(result, ANOMALY_METRICS, "target_points_in");
    s.scored = ForecastJob.counter(result, ANOMALY_METRICS, "target_points_scored");
    s.failed = ForecastJob.counter(result, ANOMALY_METRICS, "target_points_failed");
    s.anomalies = ForecastJob.counter(result, ANOMALY_METRICS, "anomalies");
    s.rowsUnreadable = ForecastJob.counter(result, FailureLines.NAMESPACE, FailureLines.READ_FAILURES);
    out.printf("series: %d in%n", s.seriesIn);
    out.printf("target points: %d in, %d scored, %d failed; %d anomalies (threshold %s, model %s)%n", s.targetPointsIn,
        s.scored, s.failed, s.anomalies, spec.threshold, spec.seasonalNaive() ? "seasonal_naive" : spec.model);
    if (s.rowsUnreadable > 0) {
      out.printf("input rows that could not be read: %d%n", s.rowsUnreadable);
    }
    out.printf("anomaly rows written: %d to %s%n", s.scored, Locations.described(spec.output, spec.outputTable));
    out.printf("failures and their reasons: %s%n", spec.failures);
    out.println(WallTime.line(WallTime.sinceJvmStart(), seconds));
    out.flush();
    return s;
  }

  /** The pipeline's transforms. */
  public static void build(Pipeline pipeline, DetectJobSpec spec) {
    ObservationReadResult read = ForecastJob.readObservations(pipeline, spec);
    AnomalyResult result = read.observations().apply("DetectAnomalies", detector(spec));
    List<String> key = new ArrayList<>(spec.idColumns);
    key.add(spec.timestampColumn);
    key.add(Columns.MODEL_ID);
    result.anomalies().apply("WriteAnomalies", ForecastIO.writeForecasts()
        .to(Locations.sink(spec.output, spec.outputTable))
        .withKeyColumns(key.toArray(new String[0])));
    ForecastJob.writeFailures(read, result.failures(), spec);
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
    return detect;
  }
}
