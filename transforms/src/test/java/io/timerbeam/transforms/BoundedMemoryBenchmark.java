package io.timerbeam.transforms;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * Memory of the forecast path on an embedded Flink cluster when one series is huge: one series
 * of {@code longPoints} points next to {@code series} series of {@code points} points. Not a
 * test: run it by hand with a small heap (see README-transforms.md) and read the peaks it prints.
 * Arguments: longPoints series points [parallelism].
 */
public final class BoundedMemoryBenchmark {
  private BoundedMemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    long longPoints = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
    int series = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int points = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    int parallelism = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    options.setRunner(FlinkRunner.class);
    options.setFlinkMaster("[local]");
    options.setParallelism(parallelism);
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply(GenerateSequence.from(0).to(longPoints + (long) series * points))
        .apply(ParDo.of(new PointOf(longPoints, points)))
        .setRowSchema(SeriesRows.SCHEMA)
        .apply(TimerForecast.forecasts()
            .withIdColumns("series").withTimestampColumn("ts").withValueColumn("value")
            .withHorizon(24).withContextLength(2_880).withModel(ModelFixture.TINY.withThreads(1)));
    AtomicLong peakHeap = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(usedHeap(), Math::max), 0, 100, TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    sampler.shutdownNow();
    System.out.printf("one series of %d points + %d series of %d points: %.1f s, series_forecast=%d, series_failed=%d%n",
        longPoints, series, points, (System.nanoTime() - start) / 1e9,
        MixedScenario.counter(result, ForecastMetrics.SERIES_FORECAST), MixedScenario.counter(result, ForecastMetrics.SERIES_FAILED));
    System.out.printf("max heap %d MB, peak heap used (100 ms samples) %d MB, peak heap pools %d MB, peak RSS %d MB%n",
        Runtime.getRuntime().maxMemory() >> 20, peakHeap.get() >> 20, peakHeapPools() >> 20, peakRssKb() >> 10);
  }

  private static long usedHeap() {
    return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
  }

  private static long peakHeapPools() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** VmHWM of this process, in kB. */
  private static long peakRssKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** Element i: point i of the long series "long", then point i % points of series "s<k>". */
  private static final class PointOf extends DoFn<Long, Row> {
    private final long longPoints;
    private final int points;

    PointOf(long longPoints, int points) {
      this.longPoints = longPoints;
      this.points = points;
    }

    @ProcessElement
    public void process(@Element Long i, OutputReceiver<Row> out) {
      String id;
      long step;
      if (i < longPoints) {
        id = "long";
        step = i;
      } else {
        id = "s" + (i - longPoints) / points;
        step = (i - longPoints) % points;
      }
      double value = 10 + Math.sin(step * 0.3) + (step % 7) * 0.1;
      out.output(Row.withSchema(SeriesRows.SCHEMA)
          .attachValues(id, SeriesRows.START.plus(Duration.standardHours(step)), value));
    }
  }
}
