package io.timerbeam.io;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.junit.AfterClass;
import org.junit.BeforeClass;

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
    return ForecastSink.jdbc(dataSource(postgres), table).withBatchSize(40);
  }

  @Override
  Connection connect() throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }
}
