package io.timerbeam.io.jdbc;

import static org.junit.Assert.assertEquals;

import io.timerbeam.io.ForecastFixtures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** A database that refuses connections for a few seconds delays the write; it does not fail it. */
public class TransientConnectionFailureTest {
  @Test
  public void writeWaitsForAServerThatStartsLate() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    int serverPort = port;
    CompletableFuture<EmbeddedPostgres> server =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                Thread.sleep(2_000); // the pipeline starts against a closed port
                return EmbeddedPostgres.builder().setPort(serverPort).start();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    String url = "jdbc:postgresql://localhost:" + port + "/postgres";
    JdbcIO.DataSourceConfiguration dataSource =
        JdbcIO.DataSourceConfiguration.create("org.postgresql.Driver", url)
            .withUsername("postgres")
            .withPassword("postgres");
    List<Row> rows = ForecastFixtures.rows(5, 4, 0.0);
    try {
      SqlSinkContract.write(rows, SqlForecastSink.of(dataSource, "late_forecasts"));
      try (Connection c = server.get(30, TimeUnit.SECONDS).getPostgresDatabase().getConnection()) {
        assertEquals(rows.size(), JdbcRows.count(c, "SELECT COUNT(*) FROM late_forecasts"));
      }
    } finally {
      server.get(60, TimeUnit.SECONDS).close();
    }
  }
}
