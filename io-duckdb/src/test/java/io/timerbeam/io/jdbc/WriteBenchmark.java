package io.timerbeam.io.jdbc;

import io.timerbeam.io.duckdb.DuckDb;
import io.timerbeam.io.ForecastFixtures;
import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.ForecastSink;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.Row;

/**
 * Write throughput of the DuckDB and PostgreSQL sinks on the DirectRunner (not a test). Usage:
 * {@code WriteBenchmark [rows] [duckdb|postgres|both] [batchSize]}; PostgreSQL is the embedded server.
 */
public final class WriteBenchmark {
  private static final int HORIZON = 64;
  private static final long CHUNKS = 64;

  private WriteBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    String which = args.length > 1 ? args[1] : "both";
    int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : SqlForecastSink.DEFAULT_BATCH_SIZE;
    if (!which.equals("postgres")) {
      File dir = Files.createTempDirectory("bench-duckdb").toFile();
      String file = new File(dir, "bench.duckdb").getAbsolutePath();
      report("DuckDB", rows, run(rows, DuckDb.sink(file, "forecasts").withBatchSize(batchSize)));
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
        System.out.println("DuckDB rows in table: " + JdbcRows.count(c, "SELECT COUNT(*) FROM forecasts"));
      }
    }
    if (!which.equals("duckdb")) {
      // zonky turns durability off by default; a production server has it on.
      try (EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .start()) {
        report(
            "PostgreSQL",
            rows,
            run(rows, SqlForecastSink.of(PostgresForecastSinkTest.dataSource(postgres), "forecasts")
                    .withBatchSize(batchSize)));
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
          System.out.println(
              "PostgreSQL rows in table: " + JdbcRows.count(c, "SELECT COUNT(*) FROM forecasts"));
          System.out.println("PostgreSQL server settings: " + settings(c));
        }
      }
    }
  }

  private static long run(long rows, ForecastSink sink) {
    DirectOptions options = PipelineOptionsFactory.create().as(DirectOptions.class);
    options.setEnforceImmutability(false);
    options.setEnforceEncodability(false);
    Pipeline p = Pipeline.create(options);
    // Rows are generated in 64 chunks: one DirectRunner element per row would measure the
    // runner's per-element source overhead rather than the sink.
    p.apply(GenerateSequence.from(0).to(CHUNKS))
        .apply(ParDo.of(new GenerateChunkFn(rows)))
        .setRowSchema(ForecastFixtures.SCHEMA)
        .apply(ForecastIO.writeForecasts().to(sink));
    long start = System.nanoTime();
    p.run().waitUntilFinish();
    return System.nanoTime() - start;
  }

  /** Emits the forecast rows of one chunk of {@code [0, rows)}; keys are unique. */
  private static final class GenerateChunkFn extends DoFn<Long, Row> {
    private final long rows;

    GenerateChunkFn(long rows) {
      this.rows = rows;
    }

    @ProcessElement
    public void processElement(@Element Long chunk, OutputReceiver<Row> out) {
      long size = (rows + CHUNKS - 1) / CHUNKS;
      for (long i = chunk * size; i < Math.min(rows, (chunk + 1) * size); i++) {
        out.output(
            ForecastFixtures.row(
                "store-" + (i / HORIZON % 7),
                i / HORIZON,
                (int) (i % HORIZON) + 1,
                i * 0.001,
                "timer-s1"));
      }
    }
  }

  /** The embedded server's durability settings, which the PostgreSQL number depends on. */
  private static String settings(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT string_agg(name || '=' || setting, ', ') FROM pg_settings"
                    + " WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void report(String target, long rows, long nanos) {
    double seconds = nanos / 1e9;
    System.out.printf(
        "%s: %,d rows in %.1f s = %,.0f rows/s%n", target, rows, seconds, rows / seconds);
  }
}
