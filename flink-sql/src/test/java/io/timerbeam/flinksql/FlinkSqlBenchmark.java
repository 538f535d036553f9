package io.timerbeam.flinksql;

import io.timerbeam.model.Fixtures;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;

/**
 * Rows/s of ML_PREDICT (provider 'timer', batch mode, embedded cluster, parallelism 2) over a CSV
 * table of short series, and the share of the wall time spent inside the engine. Not a test: run
 * by hand next to transforms' {@code ForecastBenchmark flink} (README-flink-sql.md, "Throughput").
 * Arguments: series points horizon [checkpoint folder, default the tiny Timer-S1 fixture] [batch size].
 */
public final class FlinkSqlBenchmark {
  private static final LocalDateTime START = LocalDateTime.of(2020, 1, 1, 0, 0);

  public static void main(String[] args) throws Exception {
    int series = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int points = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int horizon = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    String model = args.length > 3 ? args[3] : Fixtures.checkpoint(Fixtures.TINY).toString();
    int batchSize = args.length > 4 ? Integer.parseInt(args[4]) : 256;
    Path dir = Files.createTempDirectory("flink-sql-bench");

    // Untimed warm-up on a quarter of the series: the JIT's work on Flink's and the provider's code, the engine's first calls.
    run(csv(dir.resolve("warmup.csv"), Math.max(1, series / 4), points), model, horizon, batchSize, series / 4);
    Path input = csv(dir.resolve("observations.csv"), series, points);
    long engineBefore = SharedEngines.engineNanos();
    long callsBefore = SharedEngines.engineCalls();
    long start = System.nanoTime();
    long rows = run(input, model, horizon, batchSize, series);
    double seconds = (System.nanoTime() - start) / 1e9;
    double engineSeconds = (SharedEngines.engineNanos() - engineBefore) / 1e9;
    long calls = SharedEngines.engineCalls() - callsBefore;
    System.out.printf("ML_PREDICT (Flink SQL, batch, parallelism 2): %d series x %d points, horizon %d, batch-size %d: %.1f s,"
        + " %.0f output rows/s, %.1f series/s, %.0f input rows/s%n", series, points, horizon, batchSize, seconds, rows / seconds,
        series / seconds, (double) series * points / seconds);
    System.out.printf("engine: %.1f s in %d calls (%.0f series, %.0f ms per call) on %d engine threads = %.0f%% of their wall time;"
        + " engine loads in this JVM: %d%n", engineSeconds, calls, (double) series / calls, 1000 * engineSeconds / calls,
        EngineBatcher.ENGINE_THREADS, 100 * engineSeconds / seconds / EngineBatcher.ENGINE_THREADS, SharedEngines.loadCount());
  }

  /** Runs README-flink-sql.md's statements over {@code csv} into a count; the rows ML_PREDICT gave. */
  private static long run(Path csv, String model, int horizon, int batchSize, int series) throws Exception {
    TableEnvironment env = FlinkSql.batch();
    env.executeSql("CREATE TABLE observations (unique_id STRING, ds TIMESTAMP(3), y DOUBLE) WITH ('connector' = 'filesystem', 'path' = '"
        + csv + "', 'format' = 'csv')");
    env.executeSql("CREATE TEMPORARY VIEW series AS SELECT unique_id, ARRAY_AGG(ROW(ds, y)) AS points FROM observations GROUP BY unique_id");
    env.executeSql("CREATE MODEL m INPUT (points ARRAY<ROW<ds TIMESTAMP(3), y DOUBLE>>) OUTPUT (forecast_timestamp TIMESTAMP(3),"
        + " horizon_step INT, forecast_value DOUBLE, q10 DOUBLE, q90 DOUBLE, model_id STRING, error_code STRING, error_message STRING)"
        + " WITH ('provider' = 'timer', 'model.path' = '" + model + "', 'horizon' = '" + horizon + "', 'batch-size' = '" + batchSize + "')");
    List<Row> counts = FlinkSql.collect(env, "SELECT COUNT(*) AS n, COUNT(error_code) AS failed FROM ML_PREDICT(TABLE series, MODEL m,"
        + " DESCRIPTOR(points), MAP['max-concurrent-operations', '" + batchSize + "'])");
    long n = (Long) counts.get(0).getField("n");
    long failed = (Long) counts.get(0).getField("failed");
    if (failed > 0 || n != (long) series * horizon) {
      throw new IllegalStateException(n + " rows, " + failed + " failed, expected " + series + " x " + horizon);
    }
    return n;
  }

  /** Daily points of {@code series} series: a seeded wave per series, series interleaved as a table dump would be. */
  private static Path csv(Path file, int series, int points) throws Exception {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < points; i++) {
        String ds = START.plusDays(i).toString().replace('T', ' ') + ":00";
        for (int s = 0; s < series; s++) {
          double y = 100 + 10 * Math.sin(2 * Math.PI * i / (7 + s % 5)) + (s % 13) + 0.01 * ((s * 31 + i * 17) % 97);
          out.write("s" + s + "," + ds + "," + y + "\n");
        }
      }
    }
    return file;
  }
}
