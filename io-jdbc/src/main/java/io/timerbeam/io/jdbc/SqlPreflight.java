package io.timerbeam.io.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
      throw new IllegalArgumentException("table " + table.name() + " in " + SqlErrors.database(dataSource)
          + " cannot be written: " + why(pool, table, e), e);
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

  /** Names the forecast columns an existing table lacks (the usual cause: another job's table), else the database's own words. */
  private static String why(DataSource pool, SqlForecastTable table, SQLException e) {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet none = s.executeQuery("SELECT * FROM " + table.name() + " LIMIT 0")) {
      ResultSetMetaData meta = none.getMetaData();
      Set<String> present = new LinkedHashSet<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        present.add(meta.getColumnLabel(i));
      }
      List<String> missing = table.columns().stream().filter(col -> !present.contains(col)).collect(Collectors.toList());
      if (!missing.isEmpty()) {
        return "the table exists without column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
            + " (it has " + String.join(", ", present) + "): write to another table";
      }
    } catch (SQLException | RuntimeException notThere) {
      // No such table, or no connection: the first error says why.
    }
    return SqlErrors.oneLine(e);
  }
}
