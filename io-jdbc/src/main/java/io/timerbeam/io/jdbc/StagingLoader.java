package io.timerbeam.io.jdbc;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import org.apache.beam.sdk.values.Row;

/** Bulk-loads one batch of rows into the staging table, inside the caller's transaction. */
interface StagingLoader extends Serializable {
  void load(Connection connection, SqlForecastTable table, Collection<Row> rows)
      throws SQLException;

  /** Empties the staging table, inside the caller's transaction. */
  default String emptyStageSql() {
    return "DELETE FROM " + SqlForecastTable.STAGE;
  }

  /** Picks the fastest loader for the database product (JDBC DatabaseMetaData name). */
  static StagingLoader forProduct(String databaseProductName) {
    if ("PostgreSQL".equalsIgnoreCase(databaseProductName)) {
      return new PostgresCopyLoader();
    }
    if ("DuckDB".equalsIgnoreCase(databaseProductName)) {
      return new DuckDbAppenderLoader();
    }
    return new BatchInsertLoader();
  }
}
