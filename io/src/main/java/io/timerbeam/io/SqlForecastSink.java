package io.timerbeam.io;

import java.util.List;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Upserting SQL sink (PostgreSQL, DuckDB, other JDBC databases with {@code ON CONFLICT}). The
 * table is created if absent with a primary key of (id columns, context_end_timestamp,
 * forecast_timestamp, model_id); see {@link UpsertFn} for the idempotency scheme.
 */
public final class SqlForecastSink extends ForecastSink {
  static final int DEFAULT_BATCH_SIZE = 10_000;

  private final JdbcIO.DataSourceConfiguration dataSource;
  private final String table;
  private final int batchSize;

  private SqlForecastSink(JdbcIO.DataSourceConfiguration dataSource, String table, int batchSize) {
    if (dataSource == null) {
      throw new IllegalArgumentException("dataSource must be set");
    }
    SqlNames.quoteTable("table", table);
    if (batchSize < 1) {
      throw new IllegalArgumentException("withBatchSize must be positive, was " + batchSize);
    }
    this.dataSource = dataSource;
    this.table = table;
    this.batchSize = batchSize;
  }

  static SqlForecastSink of(JdbcIO.DataSourceConfiguration dataSource, String table) {
    return new SqlForecastSink(dataSource, table, DEFAULT_BATCH_SIZE);
  }

  /** Rows per transaction (default 10,000). */
  public SqlForecastSink withBatchSize(int batchSize) {
    return new SqlForecastSink(dataSource, table, batchSize);
  }

  @Override
  void write(PCollection<Row> forecasts, List<String> keyColumns) {
    SqlForecastTable target = new SqlForecastTable(table, forecasts.getSchema(), keyColumns);
    forecasts.apply("Upsert into " + table, ParDo.of(new UpsertFn(dataSource, target, batchSize)));
  }
}
