package io.timerbeam.io.jdbc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.io.duckdb.DuckDb;
import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.OptionalLong;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The row count a DuckDB table, query or Parquet source gives before any read (what the command line sizes its runner by). */
public class EstimatedRowsTest {
  @Rule public final TemporaryFolder folder = new TemporaryFolder();

  @Test
  public void tablesQueriesAndParquetAreCounted() throws Exception {
    String db = new File(folder.getRoot(), "obs.duckdb").getPath();
    String parquet = new File(folder.getRoot(), "obs.parquet").getPath();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE obs AS SELECT 's' || (i % 70) AS unique_id, DATE '2020-01-01' + INTERVAL (i // 70) DAY AS ds,"
          + " i * 0.5 AS y FROM range(12345) t(i)");
      s.execute("COPY obs TO '" + parquet + "' (FORMAT PARQUET)");
    }
    assertEquals(OptionalLong.of(12345), DuckDb.table(db, "obs").estimatedRows());
    assertEquals(OptionalLong.of(70), DuckDb.query(db, "SELECT * FROM obs WHERE ds = DATE '2020-01-01';").estimatedRows());
    assertEquals(OptionalLong.of(12345), DuckDb.parquet(parquet).estimatedRows());
  }

  @Test
  public void aSourceThatCannotBeCountedSaysSo() {
    String db = new File(folder.getRoot(), "empty.duckdb").getPath();
    assertTrue(DuckDb.table(db, "no_such_table").estimatedRows().isEmpty());
  }
}
