package io.timerbeam.io.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.display.HasDisplayData;

/** Short-lived connections for pipeline construction (describing a query, naming the database), and its display data. */
final class JdbcConnections {
  /** Work done on one connection. */
  interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private JdbcConnections() {}

  /** Runs {@code work} on a connection from a fresh pool, then closes the pool; {@code what} names it in errors. */
  static <T> T describe(JdbcIO.DataSourceConfiguration dataSource, String what, Work<T> work) {
    DataSource pool = dataSource.buildDatasource();
    try (Connection c = pool.getConnection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot read " + what + " in " + SqlErrors.database(dataSource) + ": "
          + SqlErrors.oneLine(e), e);
    } finally {
      if (pool instanceof AutoCloseable) {
        try {
          ((AutoCloseable) pool).close();
        } catch (Exception ignored) {
          // Closing an idle pool after describing a query cannot lose data.
        }
      }
    }
  }

  /** Beam's own display of the database (driver, URL, user; never the password), under {@code database}. */
  static void displayData(JdbcIO.DataSourceConfiguration dataSource, DisplayData.Builder builder) {
    builder.include("database", (HasDisplayData) JdbcIO.DataSourceProviderFromDataSourceConfiguration.of(dataSource));
  }
}
