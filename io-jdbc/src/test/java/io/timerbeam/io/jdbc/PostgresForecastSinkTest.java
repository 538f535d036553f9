package io.timerbeam.io.jdbc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.Assert.assertEquals;

import io.timerbeam.io.ForecastFixtures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.values.Row;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The SQL sink contract against a real PostgreSQL server (zonky embedded binaries). */
public class PostgresForecastSinkTest extends SqlSinkContract {
  private static EmbeddedPostgres postgres;

  @BeforeClass
  public static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.start();
  }

  @AfterClass
  public static void stopPostgres() throws IOException {
    postgres.close();
  }

  static JdbcIO.DataSourceConfiguration dataSource(EmbeddedPostgres server) {
    return JdbcIO.DataSourceConfiguration.create(
            "org.postgresql.Driver", server.getJdbcUrl("postgres", "postgres"))
        .withUsername("postgres")
        .withPassword("postgres");
  }

  @Override
  SqlForecastSink sink(String table) {
    return SqlForecastSink.of(dataSource(postgres), table).withBatchSize(40);
  }

  @Override
  Connection connect() throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }

  @Test
  public void aSchemaThatDoesNotExistFailsBeforeTheRun() {
    assertThat(constructionError(sink("no_such_schema.forecasts")),
        org.hamcrest.Matchers.containsString("cannot be written: ERROR: schema \"no_such_schema\" does not exist"));
  }

  /** The portable loader, used for databases other than PostgreSQL and DuckDB. */
  @Test
  public void batchInsertLoaderStagesRowsForTheUpsert() throws SQLException {
    String name = newTable();
    SqlForecastTable table =
        new SqlForecastTable(name, ForecastFixtures.SCHEMA, ForecastFixtures.KEY_COLUMNS);
    List<Row> rows = ForecastFixtures.rows(4, 3, 0.0);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(table.createTableSql());
      s.execute(table.createStageSql());
      new BatchInsertLoader().load(c, table, rows);
      s.execute(table.upsertFromStageSql());
      assertThat(
          JdbcRows.readAll(c, name, ForecastFixtures.SCHEMA), containsInAnyOrder(rows.toArray()));
    }
  }

  /**
   * A connection upserts batch after batch (a worker's pooled connection does): its staging table
   * must not keep what earlier batches staged, or every flush reads all of it again.
   */
  @Test
  public void repeatedUpsertsOnOneConnectionKeepTheStagingTableEmpty() throws SQLException {
    String name = newTable();
    SqlForecastTable table =
        new SqlForecastTable(name, ForecastFixtures.SCHEMA, ForecastFixtures.KEY_COLUMNS);
    StagingLoader loader = StagingLoader.forProduct("PostgreSQL");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(table.createTableSql());
      List<Long> stageBytes = new ArrayList<>();
      for (int batch = 0; batch < 20; batch++) {
        UpsertFn.upsert(c, table, loader, ForecastFixtures.rows(50, 4, batch));
        try (ResultSet size = s.executeQuery("SELECT pg_relation_size('pg_temp.timerbeam_stage')")) {
          size.next();
          stageBytes.add(size.getLong(1));
        }
      }
      assertEquals("staging table bytes after each batch " + stageBytes, 0L, (long) Collections.max(stageBytes));
      assertThat(JdbcRows.readAll(c, name, ForecastFixtures.SCHEMA),
          containsInAnyOrder(ForecastFixtures.rows(50, 4, 19).toArray()));
    }
  }
}
