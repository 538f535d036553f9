package io.timerbeam.io.jdbc;

import static org.apache.beam.sdk.util.Preconditions.checkArgumentNotNull;
import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import io.timerbeam.io.ForecastSink;
import org.apache.beam.sdk.transforms.display.DisplayData;
import java.util.List;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Upserting SQL sink (PostgreSQL, DuckDB, other JDBC databases with {@code ON CONFLICT}). The
 * table is created if absent with a primary key of (id columns, context_end_timestamp,
 * forecast_timestamp, model_id); see {@link UpsertFn} for the idempotency scheme. Building the
 * pipeline checks that the table can be written, in a transaction rolled back ({@link
 * #withoutCheckBeforeRun} to skip): a wrong target is an {@link IllegalArgumentException} then,
 * not a failure after all the forecasting.
 */
public final class SqlForecastSink extends ForecastSink {
  static final int DEFAULT_BATCH_SIZE = 10_000;

  private final JdbcIO.DataSourceConfiguration dataSource;
  private final String table;
  private final int batchSize;
  private final boolean checkBeforeRun;

  private SqlForecastSink(
      JdbcIO.DataSourceConfiguration dataSource, String table, int batchSize, boolean checkBeforeRun) {
    this.dataSource = checkArgumentNotNull(dataSource, "dataSource must be set");
    SqlNames.quoteTable("table", table);
    checkArgument(batchSize >= 1, "withBatchSize must be positive, was %s", batchSize);
    this.table = table;
    this.batchSize = batchSize;
    this.checkBeforeRun = checkBeforeRun;
  }

  /**
   * Upserts into {@code table} of any JDBC database that supports {@code INSERT ... ON CONFLICT}
   * (PostgreSQL, DuckDB, SQLite). PostgreSQL is loaded with COPY, DuckDB with its Appender, others
   * with batched INSERTs. The connection is configured by Beam's own {@link
   * JdbcIO.DataSourceConfiguration}.
   */
  public static SqlForecastSink of(JdbcIO.DataSourceConfiguration dataSource, String table) {
    return new SqlForecastSink(dataSource, table, DEFAULT_BATCH_SIZE, true);
  }

  /** Rows per transaction (default 10,000). */
  public SqlForecastSink withBatchSize(int batchSize) {
    return new SqlForecastSink(dataSource, table, batchSize, checkBeforeRun);
  }

  /**
   * Skips the check, made when the pipeline is built, that the table can be written (see {@link
   * SqlPreflight}): for a launcher that cannot reach the database its workers write to.
   */
  public SqlForecastSink withoutCheckBeforeRun() {
    return new SqlForecastSink(dataSource, table, batchSize, false);
  }

  @Override
  public PCollection<Void> write(PCollection<Row> forecasts, List<String> keyColumns) {
    SqlForecastTable target = new SqlForecastTable(table, forecasts.getSchema(), keyColumns);
    if (checkBeforeRun) {
      SqlPreflight.check(dataSource, target);
    }
    return forecasts.apply("Upsert into " + table, ParDo.of(new UpsertFn(dataSource, target, batchSize)));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    JdbcConnections.displayData(dataSource, builder);
    builder
        .add(DisplayData.item("table", table).withLabel("Upserted table"))
        .add(DisplayData.item("batchSize", batchSize).withLabel("Rows per load batch"));
  }
}
