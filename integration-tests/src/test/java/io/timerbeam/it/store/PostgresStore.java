package io.timerbeam.it.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.postgresql.PGConnection;

/** A PostgreSQL server from the zonky Maven binaries, with the tables the forecast job uses. */
public final class PostgresStore implements AutoCloseable {
  private final EmbeddedPostgres server;

  private PostgresStore(EmbeddedPostgres server) {
    this.server = server;
  }

  public static PostgresStore start() throws IOException {
    return new PostgresStore(EmbeddedPostgres.builder().start());
  }

  /** URL on localhost, reachable from the cluster's JVMs on this machine. */
  public String jdbcUrl() {
    return jdbcUrl(server.getPort());
  }

  /** The same database through another port, e.g. a proxy's. */
  public static String jdbcUrl(int port) {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  public int port() {
    return server.getPort();
  }

  public Connection connect() throws SQLException {
    return server.getPostgresDatabase().getConnection();
  }

  /** Creates {@code table} (series_id, ts, value) and fills it by COPY, streaming the CSV. */
  public void loadObservations(String table, SyntheticObservations observations) throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (series_id TEXT NOT NULL, ts TIMESTAMP NOT NULL, value DOUBLE PRECISION)");
      PipedReader reader = new PipedReader(1 << 20);
      PipedWriter pipe = new PipedWriter(reader);
      CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
        try (BufferedWriter out = new BufferedWriter(pipe, 1 << 16)) {
          observations.writeCsv(out);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN (FORMAT csv)", reader);
      writing.join();
    }
  }

  public long count(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  public void execute(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
