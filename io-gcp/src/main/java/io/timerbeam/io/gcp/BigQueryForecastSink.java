package io.timerbeam.io.gcp;

import static org.apache.beam.sdk.util.Preconditions.checkArgumentNotNull;
import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import io.timerbeam.io.ForecastSink;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TimePartitioning;
import io.timerbeam.transforms.Columns;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryHelpers;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.CreateDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO.Write.WriteDisposition;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServicesImpl;
import org.apache.beam.sdk.io.gcp.bigquery.TableDestination;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.ReadableInstant;
import org.joda.time.format.DateTimeFormat;
import org.joda.time.format.DateTimeFormatter;

/**
 * BigQuery sink through Beam's own {@link BigQueryIO} (file loads, schema from the rows). The
 * table is day-partitioned on {@code context_end_timestamp}; each run writes every row to its
 * partition decorator ({@code table$yyyyMMdd}) with WRITE_TRUNCATE, so a rerun replaces the
 * partitions it writes rather than appending. BigQuery enforces no primary key: a run must carry
 * all forecasts for the context-end days it writes (use one table per model if several models
 * write the same days). Building the pipeline checks the target ({@link BigQueryPreflight}: the
 * dataset exists, an existing table's partitioning and columns fit; {@link #withoutCheckBeforeRun}
 * to skip): a wrong target is an {@link IllegalArgumentException} then, not a failed load job
 * after all the forecasting. Tested only against Beam's FakeBigQueryServices, not real BigQuery.
 */
public final class BigQueryForecastSink extends ForecastSink {
  private final String tableSpec;
  private final BigQueryIO.Write<Row> write;
  private final BigQueryServices services;
  private final boolean checkBeforeRun;

  private BigQueryForecastSink(
      String tableSpec, BigQueryIO.Write<Row> write, BigQueryServices services, boolean checkBeforeRun) {
    this.tableSpec = tableSpec;
    this.write = write;
    this.services = services;
    this.checkBeforeRun = checkBeforeRun;
  }

  /**
   * Replaces, per run, the context_end_timestamp day partitions of {@code tableSpec} that the run
   * writes.
   */
  public static BigQueryForecastSink of(String tableSpec) {
    return of(tableSpec, BigQueryIO.<Row>write());
  }

  /**
   * As {@link #of(String)}, starting from a configured {@link BigQueryIO.Write}. Test services go
   * to {@link #withTestServices}, not to {@code write}: the check before the run cannot see the
   * write's.
   */
  public static BigQueryForecastSink of(String tableSpec, BigQueryIO.Write<Row> write) {
    checkArgument(
        tableSpec != null && !tableSpec.contains("$"),
        "bigQuery: tableSpec must be [project:]dataset.table without a partition, was '%s'",
        tableSpec);
    BigQueryHelpers.parseTableSpec(tableSpec); // rejects malformed specs with a clear message
    checkArgumentNotNull(write, "bigQuery: write must not be null");
    return new BigQueryForecastSink(tableSpec, write, new BigQueryServicesImpl(), true);
  }

  /**
   * BigQuery services for the check and the load both, as {@link BigQueryIO.Write#withTestServices}
   * (for tests: Beam's {@code FakeBigQueryServices}).
   */
  public BigQueryForecastSink withTestServices(BigQueryServices services) {
    checkArgumentNotNull(services, "bigQuery: services must not be null");
    return new BigQueryForecastSink(tableSpec, write.withTestServices(services), services, checkBeforeRun);
  }

  /**
   * Skips the check, made when the pipeline is built, that the dataset exists and an existing table
   * fits the forecasts (see {@link BigQueryPreflight}): for a launcher that cannot reach the
   * BigQuery its workers write to.
   */
  public BigQueryForecastSink withoutCheckBeforeRun() {
    return new BigQueryForecastSink(tableSpec, write, services, false);
  }

  @Override
  public PCollection<Void> write(PCollection<Row> forecasts, List<String> keyColumns) {
    checkArgument(
        forecasts.getSchema().hasField(Columns.CONTEXT_END_TIMESTAMP),
        "bigQuery %s: rows have no %s column, which this sink partitions by; columns are %s",
        tableSpec, Columns.CONTEXT_END_TIMESTAMP, forecasts.getSchema().getFieldNames());
    if (checkBeforeRun) {
      BigQueryOptions options = forecasts.getPipeline().getOptions().as(BigQueryOptions.class);
      BigQueryPreflight.check(services, options, withDefaultProject(options), forecasts.getSchema());
    }
    String table = tableSpec;
    return forecasts
        .apply(
            "Write BigQuery " + tableSpec,
            write
                .to(row -> partition(table, row.getValue()))
                .useBeamSchema()
                .withMethod(BigQueryIO.Write.Method.FILE_LOADS)
                .withCreateDisposition(CreateDisposition.CREATE_IF_NEEDED)
                .withWriteDisposition(WriteDisposition.WRITE_TRUNCATE))
        .getSuccessfulTableLoads() // after the load and copy jobs of every partition
        .apply("Loaded", MapElements.into(TypeDescriptors.voids()).via(partition -> null));
  }

  /** The table with the project BigQueryIO would give a spec without one. */
  private TableReference withDefaultProject(BigQueryOptions options) {
    TableReference table = BigQueryHelpers.parseTableSpec(tableSpec);
    if (table.getProjectId() == null) {
      String project = options.getBigQueryProject() != null ? options.getBigQueryProject() : options.getProject();
      table.setProjectId(checkArgumentNotNull(project,
          "bigQuery %s names no project and the pipeline options set neither --bigQueryProject nor --project",
          tableSpec));
    }
    return table;
  }

  private static final DateTimeFormatter DAY = DateTimeFormat.forPattern("yyyyMMdd").withZoneUTC();

  private static TableDestination partition(String table, Row row) {
    ReadableInstant contextEnd = checkArgumentNotNull(
        row.getDateTime(Columns.CONTEXT_END_TIMESTAMP),
        "table %s, column %s is null", table, Columns.CONTEXT_END_TIMESTAMP);
    return new TableDestination(
        table + "$" + DAY.print(contextEnd),
        null,
        new TimePartitioning().setType("DAY").setField(Columns.CONTEXT_END_TIMESTAMP));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    builder
        .add(DisplayData.item("table", tableSpec).withLabel("Table (day partitions replaced)"))
        .add(DisplayData.item("checkedBeforeRun", checkBeforeRun)
            .withLabel("Dataset and table checked before the run"))
        .include("write", write);
  }
}
