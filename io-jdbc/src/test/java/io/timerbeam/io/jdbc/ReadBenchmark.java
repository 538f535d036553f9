package io.timerbeam.io.jdbc;

import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.ObservationReadResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.Row;

/**
 * Read throughput of a PostgreSQL observation table (not a test): loads {@code rows} observations
 * into the embedded server once, then reads them with each partition count and partitioning (after
 * an untimed warm-up read of 50,000 rows), counting observations. Usage: {@code ReadBenchmark [rows]
 * [partitions, e.g. 1,4] [hash|seq|ds, comma-separated] [direct|flink]}; {@code seq} and {@code ds}
 * are range partitioning on a BIGINT and a TIMESTAMP column, {@code hash} hashes the id column. The
 * DirectRunner (default) keeps each read partition's rows in memory until its bundle commits (20M
 * rows in one partition ran out of a 4 GB heap); {@code flink} runs an embedded Flink cluster
 * ({@code [local]}) with parallelism max(partitions, cores), which streams them.
 */
public final class ReadBenchmark {
  private static final int POINTS_PER_SERIES = 2_880;

  private ReadBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    String[] partitionCounts = (args.length > 1 ? args[1] : "1,4").split(",");
    String[] modes = (args.length > 2 ? args[2] : "hash").split(",");
    String runner = args.length > 3 ? args[3] : "direct";
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
      long start = System.nanoTime();
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE obs AS SELECT 'series-' || (i / " + POINTS_PER_SERIES + ") AS unique_id,"
                + " TIMESTAMP '2020-01-01' + (i % " + POINTS_PER_SERIES + ") * INTERVAL '1 hour' AS ds,"
                + " (i % 1000) * 0.5 AS y, i AS seq"
                + " FROM generate_series(0::bigint, " + (rows - 1) + ") AS i");
        s.execute("ANALYZE obs");
      }
      System.out.printf("loaded %,d rows in %.1f s (load %s)%n", rows, seconds(start), load());
      JdbcIO.DataSourceConfiguration dataSource = PostgresForecastSinkTest.dataSource(postgres);
      long warmUpRows = Math.min(rows, 50_000L);
      for (String mode : modes) {
        for (String partitions : partitionCounts) {
          int n = Integer.parseInt(partitions);
          // Untimed: a first read also measures class loading and JIT compilation.
          run(source(JdbcObservationSource.ofQuery(dataSource, "SELECT * FROM obs WHERE seq < " + warmUpRows), n, mode),
              warmUpRows, n, null, runner);
          run(source(JdbcObservationSource.ofTable(dataSource, "obs"), n, mode), rows, n, mode, runner);
        }
      }
    }
  }

  private static JdbcObservationSource source(JdbcObservationSource source, int partitions, String mode) {
    JdbcObservationSource partitioned = source.withPartitions(partitions);
    return mode.equals("hash") ? partitioned : partitioned.withPartitionColumn(mode);
  }

  /** Reads {@code source}, checks the count and prints the rate, unless {@code mode} is null (warm-up). */
  private static void run(JdbcObservationSource source, long rows, int partitions, String mode, String runner) {
    Pipeline p = Pipeline.create(options(runner, Math.max(partitions, Runtime.getRuntime().availableProcessors())));
    ObservationReadResult read =
        p.apply(ForecastIO.readObservations().from(source).withIdColumns("unique_id")
            .withTimestampColumn("ds").withValueColumn("y"));
    read.observations().apply("Count observations", ParDo.of(new CountFn("observations")));
    read.failures().apply("Count failures", ParDo.of(new CountFn("failures")));
    String loadBefore = load();
    long start = System.nanoTime();
    PipelineResult result = p.run();
    result.waitUntilFinish();
    double seconds = seconds(start);
    long observations = counter(result, "observations");
    if (observations != rows) {
      throw new IllegalStateException("read " + observations + " observations of " + rows + " rows");
    }
    if (mode == null) {
      return;
    }
    System.out.printf(
        "%s, %d partition(s): %,d observations (%,d failures) in %.1f s = %,.0f rows/s (load %s -> %s)%n",
        mode, partitions, observations, counter(result, "failures"), seconds, observations / seconds,
        loadBefore, load());
  }

  private static PipelineOptions options(String runner, int parallelism) {
    if (runner.equals("flink")) {
      FlinkPipelineOptions flink = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
      flink.setRunner(FlinkRunner.class);
      flink.setFlinkMaster("[local]");
      flink.setParallelism(parallelism);
      return flink;
    }
    DirectOptions direct = PipelineOptionsFactory.create().as(DirectOptions.class);
    direct.setEnforceImmutability(false);
    direct.setEnforceEncodability(false);
    direct.setTargetParallelism(parallelism);
    return direct;
  }

  /** Counts elements in a metric, so that nothing but the read and conversion is measured. */
  private static final class CountFn extends DoFn<Row, Void> {
    private final Counter counter;

    CountFn(String name) {
      this.counter = Metrics.counter(ReadBenchmark.class, name);
    }

    @ProcessElement
    public void processElement() {
      counter.inc();
    }
  }

  private static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> c :
        result.metrics().queryMetrics(MetricsFilter.builder()
            .addNameFilter(MetricNameFilter.named(ReadBenchmark.class, name)).build()).getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The 1-minute load average, which the numbers depend on (the machine is shared). */
  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ")[0];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
