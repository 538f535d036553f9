package io.timerbeam.io;

import org.apache.beam.sdk.io.jdbc.JdbcIO;

/** DuckDB through Beam's JDBC configuration: a database file, or {@code :memory:}. */
final class DuckDb {
  private DuckDb() {}

  static JdbcIO.DataSourceConfiguration dataSource(String databaseFile) {
    if (databaseFile == null || databaseFile.isEmpty()) {
      throw new IllegalArgumentException("DuckDB databaseFile must be a path or :memory:");
    }
    String url = ":memory:".equals(databaseFile) ? "jdbc:duckdb:" : "jdbc:duckdb:" + databaseFile;
    return JdbcIO.DataSourceConfiguration.create("org.duckdb.DuckDBDriver", url);
  }
}
