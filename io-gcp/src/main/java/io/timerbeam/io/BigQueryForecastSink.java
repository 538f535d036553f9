package io.timerbeam.io;

import io.timerbeam.transforms.Columns;
import org.apache.beam.sdk.transforms.display.DisplayData;
import com.google.api.services.bigquery.model.TimePartitioning;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.TableDestination;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;
import org.joda.time.format.DateTimeFormat;
import org.joda.time.format.DateTimeFormatter;

/**
 * BigQuery sink through Beam's own {@link BigQueryIO} (file loads, schema from the rows). The
 * table is day-partitioned on {@code context_end_timestamp}; each run writes every row to its
 * partition decorator ({@code table$yyyyMMdd}) with WRITE_TRUNCATE, so a rerun replaces the
 * partitions it writes rather than appending. BigQuery enforces no primary key: a run must carry
 * all forecasts for the context-end days it writes (use one table per model if several models
 * write the same days). Tested only against Beam's FakeBigQueryServices, not real BigQuery.
 */
public final class BigQueryForecastSink extends ForecastSink {
  private final String tableSpec;
  private final BigQueryIO.Write<Row> write;

  private BigQueryForecastSink(String tableSpec, BigQueryIO.Write<Row> write) {
    this.tableSpec = tableSpec;
    this.write = write;
  }

  /**
   * Replaces, per run, the context_end_timestamp day partitions of {@code tableSpec} that the run
   * writes.
   */
  public static BigQueryForecastSink of(String tableSpec) {
    return of(tableSpec, BigQueryIO.<Row>write());
  }

  /** As {@link #of(String)}, starting from a configured {@link BigQueryIO.Write}. */
  public static BigQueryForecastSink of(String tableSpec, BigQueryIO.Write<Row> write) {
    if (tableSpec == null || tableSpec.contains("$")) {
      throw new IllegalArgumentException(
          "bigQuery: tableSpec must be [project:]dataset.table without a partition, was '"
              + tableSpec + "'");
    }
    BigQueryHelpers.parseTableSpec(tableSpec); // rejects malformed specs with a clear message
    if (write == null) {
      throw new IllegalArgumentException("bigQuery: write must not be null");
    }
    return new BigQueryForecastSink(tableSpec, write);
  }

  @Override
  void write(PCollection<Row> forecasts, List<String> keyColumns) {
    if (!forecasts.getSchema().hasField(Columns.CONTEXT_END_TIMESTAMP)) {
      throw new IllegalArgumentException("bigQuery " + tableSpec + ": rows have no " + Columns.CONTEXT_END_TIMESTAMP
          + " column, which this sink partitions by; columns are " + forecasts.getSchema().getFieldNames());
    }
    String table = tableSpec;
    forecasts.apply(
        "Write BigQuery " + tableSpec,
        write
            .to(row -> partition(table, row.getValue()))
            .useBeamSchema()
            .withMethod(BigQueryIO.Write.Method.FILE_LOADS)
            .withCreateDisposition(CreateDisposition.CREATE_IF_NEEDED)
            .withWriteDisposition(WriteDisposition.WRITE_TRUNCATE));
  }

  private static final DateTimeFormatter DAY = DateTimeFormat.forPattern("yyyyMMdd").withZoneUTC();

  private static TableDestination partition(String table, Row row) {
    ReadableInstant contextEnd = row.getDateTime(Columns.CONTEXT_END_TIMESTAMP);
    if (contextEnd == null) {
      throw new IllegalArgumentException(
          "table " + table + ", column " + Columns.CONTEXT_END_TIMESTAMP + " is null");
    }
    return new TableDestination(
        table + "$" + DAY.print(contextEnd),
        null,
        new TimePartitioning().setType("DAY").setField(Columns.CONTEXT_END_TIMESTAMP));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    builder.add(DisplayData.item("table", tableSpec).withLabel("Table (day partitions replaced)")).include("write", write);
  }
}
