package io.timerbeam.io.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;

/**
 * Upserts forecast rows in batches. Each batch is one transaction: clear the session's staging
 * table, bulk-load the batch into it, then {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE}.
 * A failed or retried bundle therefore leaves each key exactly once: committed batches are
 * overwritten with the same values, the failed batch was rolled back.
 */
final class UpsertFn extends DoFn<Row, Void> {
  // DuckDB allows a single writing process; within it, serialise writes per database to avoid
  // optimistic-concurrency conflicts between DoFn threads.
  private static final Map<String, Lock> WRITE_LOCKS = new ConcurrentHashMap<>();

  private final JdbcIO.DataSourceConfiguration dataSource;
  private final SqlForecastTable table;
  private final int batchSize;
  private transient DataSource pool;
  private transient StagingLoader loader;
  private transient @Nullable Lock writeLock;
  private transient Map<List<Object>, Row> batch;

  UpsertFn(JdbcIO.DataSourceConfiguration dataSource, SqlForecastTable table, int batchSize) {
    this.dataSource = dataSource;
    this.table = table;
    this.batchSize = batchSize;
  }

  @Setup
  public void setup() throws SQLException, InterruptedException {
    pool = dataSource.buildDatasource();
    // Concurrent CREATE TABLE IF NOT EXISTS can race in PostgreSQL; a retry sees the table.
    Retries.run(
        "create " + table.name(),
        () -> {
          try (Connection c = pool.getConnection();
              Statement s = c.createStatement()) {
            String product = c.getMetaData().getDatabaseProductName();
            loader = StagingLoader.forProduct(product);
            writeLock =
                "DuckDB".equalsIgnoreCase(product)
                    ? WRITE_LOCKS.computeIfAbsent(
                        c.getMetaData().getURL(), k -> new ReentrantLock())
                    : null;
            // Serialised like the writes: concurrent creates in DuckDB conflict (and were retried noisily).
            if (writeLock != null) {
              writeLock.lock();
            }
            try {
              s.execute(table.createTableSql());
            } finally {
              if (writeLock != null) {
                writeLock.unlock();
              }
            }
          } catch (SQLException e) {
            // A concurrent create surfaces as a unique violation (23505), duplicate table (42P07) or,
            // for the table's row type, duplicate object (42710: "type ... already exists").
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState()) && !"42710".equals(e.getSQLState())) {
              throw e;
            }
            throw new SQLException("concurrent create of " + table.name(), "40001", e);
          }
        });
  }

  @StartBundle
  public void startBundle() {
    batch = new LinkedHashMap<>();
  }

  @ProcessElement
  public void processElement(@Element Row row) throws SQLException, InterruptedException {
    batch.put(table.key(row), row); // a key repeated in one batch keeps its last row
    if (batch.size() >= batchSize) {
      flush();
    }
  }

  @FinishBundle
  public void finishBundle() throws SQLException, InterruptedException {
    flush();
  }

  @Teardown
  public void teardown() throws Exception {
    if (pool instanceof AutoCloseable) {
      ((AutoCloseable) pool).close();
    }
  }

  private void flush() throws SQLException, InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    List<Row> rows = new ArrayList<>(batch.values());
    Lock lock = writeLock;
    if (lock != null) {
      lock.lock();
    }
    try {
      Retries.run("upsert into " + table.name(), () -> upsert(rows));
    } finally {
      if (lock != null) {
        lock.unlock();
      }
    }
    batch.clear();
  }

  private void upsert(List<Row> rows) throws SQLException {
    try (Connection c = pool.getConnection()) {
      upsert(c, table, loader, rows);
    }
  }

  /** One batch in one transaction: staged by {@code loader}, upserted, the staging table emptied. */
  static void upsert(Connection c, SqlForecastTable table, StagingLoader loader, List<Row> rows)
      throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute(table.createStageSql());
      s.execute(loader.emptyStageSql());
      loader.load(c, table, rows);
      s.execute(table.upsertFromStageSql());
      s.execute(loader.emptyStageSql());
      c.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }
}
