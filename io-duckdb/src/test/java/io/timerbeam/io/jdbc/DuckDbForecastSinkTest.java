package io.timerbeam.io.jdbc;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.timerbeam.io.duckdb.DuckDb;
import io.timerbeam.io.ForecastFixtures;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
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
    return DuckDb.sink(databaseFile, table).withBatchSize(40);
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:duckdb:" + databaseFile);
  }

  /** DuckDB's Appender would cut {@code a\0x} and {@code a\0y} to {@code a}: the write fails instead of merging them. */
  @Test
  public void anIdHoldingNulFailsTheWriteRatherThanBeingCut() {
    List<Row> rows = List.of(ForecastFixtures.row("a\0x", 1, 1, 1.0, "m"), ForecastFixtures.row("a\0y", 1, 1, 2.0, "m"));
    Exception e = assertThrows(Exception.class, () -> write(rows, sink(newTable())));
    assertThat(String.valueOf(e.getMessage()), containsString("NUL character"));
  }

  @Test
  public void aFileThatIsNotADuckDbDatabaseFailsBeforeTheRun() throws Exception {
    java.nio.file.Files.writeString(Paths.get(databaseFile), "not a database\n".repeat(500));
    String error = constructionError(sink(newTable()));
    assertThat(error, containsString(" in " + databaseFile + " cannot be written: The file \"" + databaseFile
        + "\" exists, but it is not a valid DuckDB database file"));
    assertThat("the pool's wrapper and the driver's category are left out", error,
        org.hamcrest.Matchers.not(org.hamcrest.Matchers.matchesPattern("(?s).*(PoolableConnectionFactory|IO Error|SQLException|\n).*")));
  }

  /** Another process holding the file makes the check wait (bounded, as Retries does), not fail at once. */
  @Test
  public void aFileLockedByAnotherProcessForAWhileIsWaitedFor() throws Exception {
    Process holder = new ProcessBuilder(
            Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), DuckDbHold.class.getName(), databaseFile, "2000")
        .redirectErrorStream(true)
        .start();
    try {
      java.io.BufferedReader lines = new java.io.BufferedReader(
          new java.io.InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", lines.readLine());
      String table = newTable();
      List<Row> rows = ForecastFixtures.rows(2, 3, 0.0);
      write(rows, sink(table));
      try (Connection c = connect()) {
        assertEquals(rows.size(), JdbcRows.count(c, "SELECT COUNT(*) FROM " + table));
      }
    } finally {
      holder.destroy();
      holder.waitFor();
    }
  }

  /** DuckDB locks a file per process: another process can open it only once the sink let go. */
  @Test
  public void anotherProcessCanOpenTheDatabaseAfterTheWrite() throws Exception {
    String table = newTable();
    List<Row> rows = ForecastFixtures.rows(3, 4, 0.0);
    write(rows, sink(table));

    Process reader =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DuckDbCount.class.getName(),
                databaseFile,
                table)
            .redirectErrorStream(true)
            .start();
    String output = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(output, 0, reader.waitFor());
    assertEquals(String.valueOf(rows.size()), output.trim());
  }
}
