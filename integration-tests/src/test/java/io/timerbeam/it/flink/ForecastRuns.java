package io.timerbeam.it.flink;

import io.timerbeam.it.DistributedForecastJob;
import io.timerbeam.it.DistributedForecastJobOptions;
import io.timerbeam.model.Fixtures;
import io.timerbeam.transforms.TimerMetrics;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Runs {@link DistributedForecastJob} on a Flink cluster or on the DirectRunner, with the tiny Timer-S1
 * fixture model unless a checkpoint is given.
 */
public final class ForecastRuns {
  static final int HORIZON = 28;
  private static final String OBSERVATIONS = "observations";

  private ForecastRuns() {}

  /** Submits to the cluster with the shaded job jar and blocks until the job ends. */
  static PipelineResult onFlink(FlinkSessionCluster cluster, String jdbcUrl, String forecastsTable) {
    return onFlink(cluster, jdbcUrl, forecastsTable, Fixtures.checkpoint(Fixtures.TINY));
  }

  /** The same with the checkpoint folder {@code checkpoint} (any family). */
  static PipelineResult onFlink(FlinkSessionCluster cluster, String jdbcUrl, String forecastsTable, Path checkpoint) {
    return onFlink(cluster, jdbcUrl, forecastsTable, checkpoint, 256);
  }

  /** The same with at most {@code batchSize} series per engine call. */
  static PipelineResult onFlink(FlinkSessionCluster cluster, String jdbcUrl, String forecastsTable, Path checkpoint,
      int batchSize) {
    DistributedForecastJobOptions options = options(jdbcUrl, forecastsTable, checkpoint);
    options.setBatchSize(batchSize);
    return onFlink(cluster, options);
  }

  /**
   * The same with {@code series} series of {@code points} points made up on the workers, not read,
   * of which the model reads the last {@code contextLength} (0: its longest context).
   */
  static PipelineResult onFlinkGenerated(FlinkSessionCluster cluster, String jdbcUrl, String forecastsTable,
      long series, int points, int contextLength) {
    DistributedForecastJobOptions options = options(jdbcUrl, forecastsTable, Fixtures.checkpoint(Fixtures.TINY));
    options.setGeneratedSeries(series);
    options.setGeneratedPoints(points);
    options.setContextLength(contextLength);
    return onFlink(cluster, options);
  }

  private static PipelineResult onFlink(FlinkSessionCluster cluster, DistributedForecastJobOptions options) {
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    flink.setRunner(FlinkRunner.class);
    flink.setFlinkMaster(cluster.master());
    flink.setParallelism(cluster.parallelism());
    flink.setFilesToStage(List.of(System.getProperty("job.jar")));
    return run(options);
  }

  static PipelineResult onDirectRunner(String jdbcUrl, String forecastsTable) {
    return onDirectRunner(jdbcUrl, forecastsTable, Fixtures.checkpoint(Fixtures.TINY));
  }

  static PipelineResult onDirectRunner(String jdbcUrl, String forecastsTable, Path checkpoint) {
    DistributedForecastJobOptions options = options(jdbcUrl, forecastsTable, checkpoint);
    options.setRunner(DirectRunner.class);
    return run(options);
  }

  /** A counter of the forecast transform (namespace timer_forecast), summed over workers. */
  public static long counter(PipelineResult result, String name) {
    return TimerMetrics.counter(result, TimerMetrics.FORECAST_NAMESPACE, name);
  }

  private static PipelineResult run(DistributedForecastJobOptions options) {
    PipelineResult result = DistributedForecastJob.build(options).run();
    PipelineResult.State state = result.waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new AssertionError("job ended " + state);
    }
    return result;
  }

  private static DistributedForecastJobOptions options(String jdbcUrl, String forecastsTable, Path checkpoint) {
    DistributedForecastJobOptions options = PipelineOptionsFactory.as(DistributedForecastJobOptions.class);
    options.setJdbcUrl(jdbcUrl);
    options.setObservationsTable(OBSERVATIONS);
    options.setForecastsTable(forecastsTable);
    options.setCheckpoint(checkpoint.toString());
    options.setHorizon(HORIZON);
    return options;
  }

  static String observationsTable() {
    return OBSERVATIONS;
  }
}
