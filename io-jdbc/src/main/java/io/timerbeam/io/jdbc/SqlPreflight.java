package io.timerbeam.io.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/**
 * Proves, when the pipeline is built, that a {@link SqlForecastSink} can write, so that a wrong
 * target fails before hours of forecasting rather than after: it runs the sink's own statements
 * (create the table if absent, create the staging table, upsert from the empty staging table) in
 * one transaction and rolls it back. That covers a database that cannot be opened (not a DuckDB
 * file, locked by another process: retried with backoff as {@link Retries} does), a schema that
 * does not exist, missing permissions, and an existing table whose columns or primary key do not
 * fit the forecasts.
 */
final class SqlPreflight {
  private SqlPreflight() {}

  static void check(JdbcIO.DataSourceConfiguration dataSource, SqlForecastTable table) {
    DataSource pool = dataSource.buildDatasource();
    try {
      Retries.run("check " + table.name(), () -> {
        try (Connection c = pool.getConnection()) {
          c.setAutoCommit(false);
          try (Statement s = c.createStatement()) {
            s.execute(table.createTableSql());
            s.execute(table.createStageSql());
            s.execute(table.upsertFromStageSql());
          } finally {
            c.rollback();
          }
        }
      });
    } catch (SQLException e) {
      throw new IllegalArgumentException("table " + table.name() + " cannot be written: " + firstLine(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking table " + table.name(), e);
    } finally {
      if (pool instanceof AutoCloseable) {
        try {
          ((AutoCloseable) pool).close();
        } catch (Exception ignored) {
          // Closing an idle pool after a rolled-back check cannot lose data.
        }
      }
    }
  }

  private static String firstLine(SQLException e) {
    String message = String.valueOf(e.getMessage()).strip();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
