package io.timerbeam.transforms;

import io.timerbeam.model.ContextBatch;
import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.ForecastModel;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * End-to-end series/s of the transform next to the bare engine's on the same contexts, batch
 * size and number of concurrent callers. Not a test: run it by hand (see README-transforms.md).
 * Arguments: runner (direct|flink) series points horizon [checkpoint folder, default the tiny fixture]
 * [engine callers per worker, default one per core].
 */
public final class ForecastBenchmark {
  private static final int BATCH_SIZE = 256;

  public static void main(String[] args) throws Exception {
    String runner = args.length > 0 ? args[0] : "direct";
    int series = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int points = args.length > 2 ? Integer.parseInt(args[2]) : 512;
    int horizon = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    ModelSpec spec = args.length > 4 ? ModelSpec.of(args[4]) : ModelFixture.TINY;
    if (args.length > 5) {
      spec = spec.withThreads(Integer.parseInt(args[5]));
    }
    ForecastModel engine = ModelHolder.forSpec(spec).model();
    // One pool for every bare run, warmed by the first: a thread's first engine call pays for a
    // fresh malloc arena (see ModelHolder.withModel), which the pipeline's engine threads pay once.
    ExecutorService pool = Executors.newFixedThreadPool(spec.callersOnThisWorker());

    // Untimed warm-ups: the JIT's work on the runner's, Beam's and the data path's code is a
    // one-off cost per JVM (~14 s of CPU in a fresh JVM, measured), and per-series code runs once
    // per series, so it takes a run over every series to compile it: with the tiny model, whose
    // engine calls are cheap. Then the engine, and the pipeline with its own model on a quarter
    // of the series (the model's first calls on the engine's threads).
    run(runner, series, points, horizon, ModelFixture.TINY.withThreads(spec.callersOnThisWorker()));
    bareEngineSeriesPerSecond(engine, pool, Math.min(series, spec.callersOnThisWorker() * BATCH_SIZE), points, horizon);
    run(runner, Math.max(1, series / 4), points, horizon, spec);
    double bareBefore = bareEngineSeriesPerSecond(engine, pool, series, points, horizon);
    System.out.printf("bare engine: %d series x %d points, horizon %d, batches of %d, %d callers: %.1f series/s%n",
        series, points, horizon, BATCH_SIZE, spec.callersOnThisWorker(), bareBefore);

    Pipeline pipeline = pipeline(runner, series, points, horizon, spec);
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    // The engine again after the pipeline: the load of a shared machine moves between the runs.
    double bareAfter = bareEngineSeriesPerSecond(engine, pool, series, points, horizon);
    double bare = (bareBefore + bareAfter) / 2;
    System.out.printf("bare engine after the pipeline: %.1f series/s%n", bareAfter);
    System.out.printf("pipeline (%s): %.1f s, %.1f series/s = %.0f%% of the bare engine (mean of before and after)%n",
        runner, seconds, series / seconds, 100 * series / seconds / bare);
    // CPU time moves less than wall time when other processes share the cores.
    System.out.printf("pipeline CPU %.1f s (process, all threads): %.2f us per point%n",
        cpuSeconds, cpuSeconds * 1e6 / ((double) series * points));
    long inferenceMillis = 0;
    for (MetricResult<DistributionResult> d : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.inNamespace(ForecastMetrics.NAMESPACE)).build()).getDistributions()) {
      DistributionResult value = MixedScenario.finalValue(d);
      System.out.printf("  %s: mean %.1f, min %d, max %d, count %d%n", d.getName().getName(),
          value.getMean(), value.getMin(), value.getMax(), value.getCount());
      if (d.getName().getName().equals(ForecastMetrics.INFERENCE_MILLIS)) {
        inferenceMillis += value.getSum();
      }
    }
    // The data path alone: wall time less the engine's share (at most `callers` engine calls overlap).
    int callers = spec.callersOnThisWorker();
    double dataPathSeconds = seconds - inferenceMillis / 1000.0 / callers;
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("model_workers=%d; data path without the engine: %.1f s, %s points/s per core (%d cores)%n",
        MixedScenario.counter(result, ForecastMetrics.MODEL_WORKERS), dataPathSeconds,
        dataPathSeconds > 0 ? String.format("%.0f", (double) series * points / dataPathSeconds / cores)
            : "(engine time covers the wall time: not measurable)", cores);
    System.out.printf("max heap %d MB, used now %d MB%n", Runtime.getRuntime().maxMemory() >> 20,
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    pool.shutdown();
  }

  private static void run(String runner, int series, int points, int horizon, ModelSpec spec) {
    pipeline(runner, series, points, horizon, spec).run().waitUntilFinish();
  }

  private static Pipeline pipeline(String runner, int series, int points, int horizon, ModelSpec spec) {
    Pipeline pipeline = Pipeline.create(options(runner));
    pipeline
        .apply(GenerateSequence.from(0).to(series))
        .apply(ParDo.of(new PointsOf(points)))
        .setRowSchema(SeriesRows.SCHEMA)
        .apply(TimerForecast.forecasts()
            .withIdColumns("series").withTimestampColumn("ts").withValueColumn("value")
            .withHorizon(horizon).withBatchSize(BATCH_SIZE).withModel(spec))
        .forecasts()
        .apply(Count.globally());
    return pipeline;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static PipelineOptions options(String runner) {
    if (runner.equals("flink")) {
      // -Dbench.flink="--useDataStreamForBatch=true ..." tries the runner's own options.
      String extra = System.getProperty("bench.flink", "").trim();
      String[] args = extra.isEmpty() ? new String[0] : extra.split("\\s+");
      FlinkPipelineOptions flink = PipelineOptionsFactory.fromArgs(args).as(FlinkPipelineOptions.class);
      flink.setRunner(FlinkRunner.class);
      flink.setFlinkMaster("[local]");
      flink.setParallelism(2);
      return flink;
    }
    DirectOptions direct = PipelineOptionsFactory.as(DirectOptions.class);
    direct.setEnforceImmutability(false); // a test-time check that copies every element
    direct.setEnforceEncodability(false);
    return direct;
  }

  private static double bareEngineSeriesPerSecond(ForecastModel engine, ExecutorService pool, int series, int points, int horizon)
      throws Exception {
    List<ContextBatch> batches = new ArrayList<>();
    for (int first = 0; first < series; first += BATCH_SIZE) {
      List<double[]> contexts = new ArrayList<>();
      for (int s = first; s < Math.min(series, first + BATCH_SIZE); s++) {
        contexts.add(SeriesRows.wave(points, s));
      }
      batches.add(ContextBatch.pack(contexts, engine.patchLength()));
    }
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (ContextBatch batch : batches) {
      done.add(pool.submit(() -> engine.forecast(batch, horizon)));
    }
    for (Future<?> f : done) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return series / seconds;
  }

  /** Series {@code element}'s points, daily. */
  static final class PointsOf extends DoFn<Long, Row> {
    private static final long DAY_MILLIS = Duration.standardDays(1).getMillis();
    private final int points;
    /** One builder for every row (attachValues leaves it unchanged): the stand-in source stays cheap. */
    private transient Row.Builder rows;

    PointsOf(int points) {
      this.points = points;
    }

    @Setup
    public void setup() {
      rows = Row.withSchema(SeriesRows.SCHEMA);
    }

    @ProcessElement
    public void process(@Element Long element, OutputReceiver<Row> out) {
      double[] values = SeriesRows.wave(points, element.intValue());
      String id = "s" + element;
      long start = SeriesRows.START.getMillis();
      for (int i = 0; i < points; i++) {
        // attachValues: a source hands over ready rows; verifying each one here would bill the transform
        out.output(rows.attachValues(id, new Instant(start + i * DAY_MILLIS), values[i]));
      }
    }
  }
}
