package io.timerbeam.io;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/** The SQL sink contract on a DuckDB file, checked through DuckDB's own JDBC driver. */
public class DuckDbForecastSinkTest extends SqlSinkContract {
  @Rule public final TemporaryFolder folder = new TemporaryFolder();
  private String databaseFile;

  @Before
  public void createDatabasePath() {
    databaseFile = new File(folder.getRoot(), "warehouse.duckdb").getAbsolutePath();
  }

  @Override
  SqlForecastSink sink(String table) {
    return ForecastSink.duckDb(databaseFile, table).withBatchSize(40);
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:duckdb:" + databaseFile);
  }
}
