package io.timerbeam.io.duckdb;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import io.timerbeam.io.jdbc.JdbcObservationSource;
import io.timerbeam.io.jdbc.SqlForecastSink;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/**
 * DuckDB sources and sink (artifact {@code timer-beam-io-duckdb}): a database file, or {@code
 * :memory:} with a query over files, through Beam's JDBC configuration; Parquet files are read by
 * an in-memory DuckDB.
 */
public final class DuckDb {
  private DuckDb() {}

  /** Every row of {@code table} in a DuckDB database file (or {@code :memory:}). */
  public static JdbcObservationSource table(String databaseFile, String table) {
    return JdbcObservationSource.ofTable(dataSource(databaseFile), table);
  }

  /** A DuckDB query, e.g. over {@code read_csv(...)} with {@code databaseFile = ":memory:"}. */
  public static JdbcObservationSource query(String databaseFile, String query) {
    return JdbcObservationSource.ofQuery(dataSource(databaseFile), query);
  }

  /** Parquet files matching {@code filePattern}, read with an in-memory DuckDB. */
  public static JdbcObservationSource parquet(String filePattern) {
    return JdbcObservationSource.ofParquet(dataSource(":memory:"), filePattern);
  }

  /**
   * Upserts into {@code table} of the DuckDB database file {@code databaseFile}, with DuckDB's
   * Appender. DuckDB lets one process write a file: run the pipeline in one JVM (DirectRunner or
   * a single worker).
   */
  public static SqlForecastSink sink(String databaseFile, String table) {
    return SqlForecastSink.of(dataSource(databaseFile), table);
  }

  static JdbcIO.DataSourceConfiguration dataSource(String databaseFile) {
    checkArgument(databaseFile != null && !databaseFile.isEmpty(), "DuckDB databaseFile must be a path or :memory:");
    String url = ":memory:".equals(databaseFile) ? "jdbc:duckdb:" : "jdbc:duckdb:" + databaseFile;
    return JdbcIO.DataSourceConfiguration.create("org.duckdb.DuckDBDriver", url);
  }
}
