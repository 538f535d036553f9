package io.timerbeam.io;

import org.apache.beam.sdk.transforms.display.HasDisplayData;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Where {@link WriteForecasts} writes. Every sink is idempotent: writing the same forecasts again
 * leaves each (id columns, context_end_timestamp, forecast_timestamp, model_id) once, or each
 * value of the key given by {@link WriteForecasts#withKeyColumns} for rows of another shape.
 */
public abstract class ForecastSink implements Serializable, HasDisplayData {
  ForecastSink() {}

  /** Expands the write; {@code keyColumns} (the rows' primary key) are already validated against the rows' schema. */
  abstract void write(PCollection<Row> forecasts, List<String> keyColumns);

  /**
   * Upserts into {@code table} of any JDBC database that supports {@code INSERT ... ON CONFLICT}
   * (PostgreSQL, DuckDB, SQLite). PostgreSQL is loaded with COPY, others with batched INSERTs.
   * The connection is configured by Beam's own {@link JdbcIO.DataSourceConfiguration}.
   */
  public static SqlForecastSink jdbc(JdbcIO.DataSourceConfiguration dataSource, String table) {
    return SqlForecastSink.of(dataSource, table);
  }

  /**
   * Upserts into {@code table} of the DuckDB database file {@code databaseFile}, with DuckDB's
   * Appender. DuckDB lets one process write a file: run the pipeline in one JVM (DirectRunner or
   * a single worker).
   */
  public static SqlForecastSink duckDb(String databaseFile, String table) {
    return jdbc(DuckDb.dataSource(databaseFile), table);
  }

  /**
   * Replaces, per run, the context_end_timestamp day partitions of {@code tableSpec} that the run
   * writes; see {@link BigQueryForecastSink}.
   */
  public static BigQueryForecastSink bigQuery(String tableSpec) {
    return BigQueryForecastSink.of(tableSpec, BigQueryIO.<Row>write());
  }

  /** As {@link #bigQuery(String)}, starting from a configured {@link BigQueryIO.Write}. */
  public static BigQueryForecastSink bigQuery(String tableSpec, BigQueryIO.Write<Row> write) {
    return BigQueryForecastSink.of(tableSpec, write);
  }

  /** {@code outputPrefix-SSSSS-of-NNNNN.csv} files with a header line; see {@link FileForecastSink}. */
  public static FileForecastSink csv(String outputPrefix) {
    return FileForecastSink.ofCsv(outputPrefix);
  }

  /** {@code outputPrefix-SSSSS-of-NNNNN.parquet} files; see {@link FileForecastSink}. */
  public static FileForecastSink parquet(String outputPrefix) {
    return FileForecastSink.ofParquet(outputPrefix);
  }
}
