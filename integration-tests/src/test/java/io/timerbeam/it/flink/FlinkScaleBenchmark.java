package io.timerbeam.it.flink;

import io.timerbeam.it.store.PostgresStore;
import io.timerbeam.it.store.SyntheticObservations;
import java.nio.file.Paths;
import java.util.Arrays;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * Wall time, series per second and peak TaskManager memory of the forecast job on a fresh
 * two-TaskManager cluster for each size given (default 50,000 and 200,000 series of 32-64 daily
 * points, tiny model, horizon 28). Run from the repo root after `mvn -B install -DskipTests`:
 *
 * <pre>
 * java -Dflink.classpath.file=integration-tests/target/flink-classpath.txt \
 *   -Ddjl.classpath.file=integration-tests/target/djl-classpath.txt \
 *   -Djob.jar=integration-tests/target/timer-beam-integration-tests-0.1.0-SNAPSHOT-job.jar \
 *   -Dcluster.work.dir=integration-tests/target/flink-benchmark \
 *   --add-opens=java.base/java.nio=ALL-UNNAMED -Dai.djl.offline=true \
 *   -cp integration-tests/target/test-classes:integration-tests/target/classes:$(cat integration-tests/target/test-classpath.txt) \
 *   io.timerbeam.it.flink.FlinkScaleBenchmark 50000 200000
 * </pre>
 *
 * With {@code -Dlong.series.points=5000000} each run also has one series of that many points.
 */
public final class FlinkScaleBenchmark {
  /** {@code -Dlong.series.points=N}: one more series of N points (bounded memory with a huge series). */
  private static final int LONG_SERIES_POINTS = Integer.getInteger("long.series.points", 0);
  /** {@code -Dgenerated.points=N}: series of N points made up by the job, none loaded. */
  private static final int GENERATED_POINTS = Integer.getInteger("generated.points", 0);
  /** {@code -Dcontext.length=N} with generated series: the model reads their last N points. */
  private static final int CONTEXT_LENGTH = Integer.getInteger("context.length", 0);
  private FlinkScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int[] sizes = args.length == 0 ? new int[] {50_000, 200_000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.println("series,wall_s,series_per_s,us_per_series,peak_tm_rss_mb,batches,mean_batch_series,mean_batch_ms,series_in,series_forecast,series_failed");
    try (PostgresStore store = PostgresStore.start()) {
      for (int size : sizes) {
        long expectedSeries;
        if (GENERATED_POINTS > 0) {
          expectedSeries = size;
        } else {
          SyntheticObservations input = new SyntheticObservations(size, 32, 64);
          if (LONG_SERIES_POINTS > 0) {
            input = input.withLongSeries(LONG_SERIES_POINTS);
          }
          store.execute("DROP TABLE IF EXISTS " + ForecastRuns.observationsTable());
          store.loadObservations(ForecastRuns.observationsTable(), input);
          expectedSeries = input.totalSeriesCount();
        }
        try (FlinkSessionCluster cluster = FlinkSessionCluster.start(
            Paths.get(System.getProperty("cluster.work.dir"), "benchmark-" + size), 2)) {
          long started = System.nanoTime();
          PipelineResult result = GENERATED_POINTS > 0
              ? ForecastRuns.onFlinkGenerated(cluster, store.jdbcUrl(), "forecasts_" + size, size, GENERATED_POINTS,
                  CONTEXT_LENGTH)
              : ForecastRuns.onFlink(cluster, store.jdbcUrl(), "forecasts_" + size);
          double seconds = (System.nanoTime() - started) / 1e9;
          long peak = cluster.taskManagers().stream().mapToLong(JvmProcess::peakResidentBytes).max().orElseThrow();
          DistributionResult batchSize = distribution(result, "batch_size");
          DistributionResult inference = distribution(result, "inference_millis");
          long in = ForecastRuns.counter(result, "series_in");
          long forecast = ForecastRuns.counter(result, "series_forecast");
          long failed = ForecastRuns.counter(result, "series_failed");
          System.out.printf("%d,%.1f,%.0f,%.1f,%d,%d,%.1f,%.1f,%d,%d,%d%n", size, seconds, size / seconds, seconds * 1e6 / size,
              peak >> 20, batchSize.getCount(), batchSize.getMean(), inference.getMean(), in, forecast, failed);
          if (in != expectedSeries || forecast + failed != in) {
            throw new IllegalStateException("counts do not reconcile: " + expectedSeries + " series in the input, "
                + in + " in, " + forecast + " forecast, " + failed + " failed");
          }
        }
      }
    }
  }

  private static DistributionResult distribution(PipelineResult result, String name) {
    DistributionResult total = DistributionResult.IDENTITY_ELEMENT;
    for (MetricResult<DistributionResult> d : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named("timer_forecast", name)).build()).getDistributions()) {
      DistributionResult r = d.getAttempted();
      total = DistributionResult.create(total.getSum() + r.getSum(), total.getCount() + r.getCount(),
          Math.min(total.getMin(), r.getMin()), Math.max(total.getMax(), r.getMax()));
    }
    return total;
  }
}
