package io.timerbeam.io;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Where {@link WriteForecasts} writes. Every sink is idempotent: writing the same forecasts again
 * leaves each (id columns, context_end_timestamp, forecast_timestamp, model_id) once.
 */
public abstract class ForecastSink implements Serializable {
  ForecastSink() {}

  /** Expands the write; {@code idColumns} are already validated against the rows' schema. */
  abstract void write(PCollection<Row> forecasts, List<String> idColumns);

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
}
