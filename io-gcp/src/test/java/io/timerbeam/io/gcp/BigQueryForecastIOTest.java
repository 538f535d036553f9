package io.timerbeam.io.gcp;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.Assert.assertEquals;

import io.timerbeam.io.FailureChecks;
import io.timerbeam.io.ForecastFixtures;
import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.ObservationReadResult;
import com.google.api.services.bigquery.model.Job;
import com.google.api.services.bigquery.model.JobConfigurationLoad;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.cloud.bigquery.storage.v1.CreateReadSessionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * BigQuery through BigQueryIO against Beam's FakeBigQueryServices (in-memory datasets and jobs):
 * there is no GCP here, so real BigQuery partition semantics are not exercised.
 */
public class BigQueryForecastIOTest {
  private static final String PROJECT = "test-project";
  private static final String TABLE = PROJECT + ":forecasting.forecasts";

  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

  private final FakeDatasetService datasets = new FakeDatasetService();
  private final FakeJobService jobs = new FakeJobService();
  private final FakeBigQueryServices services =
      new FakeBigQueryServices().withDatasetService(datasets).withJobService(jobs);

  @Before
  public void createDataset() throws Exception {
    FakeDatasetService.setUp();
    datasets.createDataset(PROJECT, "forecasting", "", "", null);
    configure(pipeline.getOptions());
  }

  private PipelineOptions configure(PipelineOptions options) {
    options.as(GcpOptions.class).setProject(PROJECT);
    options.setTempLocation(folder.getRoot().getAbsolutePath());
    return options;
  }

  private void write(List<Row> rows) {
    ForecastFixtures.write(
        rows,
        ForecastFixtures.SCHEMA,
        BigQueryForecastSink.of(TABLE, BigQueryIO.<Row>write().withoutValidation()).withTestServices(services),
        configure(TestPipeline.testingPipelineOptions()));
  }

  /**
   * The fake ignores partition decorators when truncating (it appends), so the rerun property is
   * checked on the mechanism: every load truncates the run's context_end day partition.
   */
  @Test
  public void everyLoadTruncatesTheContextEndDayPartition() {
    write(ForecastFixtures.rows(3, 2, 100.0));
    write(ForecastFixtures.rows(3, 2, 0.0));

    int loads = 0;
    for (Job job : jobs.getAllJobs()) {
      JobConfigurationLoad load = job.getConfiguration().getLoad();
      if (load != null) {
        loads++;
        assertEquals("forecasts$20240331", load.getDestinationTable().getTableId());
        assertEquals("WRITE_TRUNCATE", load.getWriteDisposition());
        assertEquals("context_end_timestamp", load.getTimePartitioning().getField());
        assertEquals("DAY", load.getTimePartitioning().getType());
      }
    }
    assertEquals("one load per run", 2, loads);
    pipeline.enableAbandonedNodeEnforcement(false);
  }

  @Test
  public void writtenForecastsLandInTheTable() throws Exception {
    List<Row> rows = ForecastFixtures.rows(8, 5, 0.0);
    write(rows);

    List<String> expected = new ArrayList<>();
    for (Row row : rows) {
      expected.add(
          row.getString("store") + "|" + row.getInt64("item") + "|" + row.getInt32("horizon_step")
              + "|" + row.getDouble("forecast_value") + "|" + row.getString("model_id"));
    }
    List<String> stored = new ArrayList<>();
    for (TableRow row : datasets.getAllRows(PROJECT, "forecasting", "forecasts")) {
      stored.add(
          row.get("store") + "|" + row.get("item") + "|" + row.get("horizon_step") + "|"
              + Double.valueOf(row.get("forecast_value").toString()) + "|" + row.get("model_id"));
    }
    assertThat(stored, containsInAnyOrder(expected.toArray()));
    pipeline.enableAbandonedNodeEnforcement(false);
  }

  private static final long JAN_1_MICROS = 1_704_067_200_000_000L; // 2024-01-01T00:00:00Z
  private static final long DAY_MICROS = 86_400_000_000L;

  /** Table sales: the observation columns plus one ('comment') that a read should not fetch. */
  private TableReference createSalesTable() throws Exception {
    TableReference ref =
        new TableReference().setProjectId(PROJECT).setDatasetId("forecasting").setTableId("sales");
    datasets.createTable(
        new Table()
            .setTableReference(ref)
            .setNumBytes(1_000L) // the storage source sizes its split by it
            .setSchema(
                new TableSchema()
                    .setFields(
                        List.of(
                            new TableFieldSchema().setName("store").setType("STRING").setMode("NULLABLE"),
                            new TableFieldSchema().setName("item").setType("INTEGER").setMode("NULLABLE"),
                            new TableFieldSchema().setName("day").setType("TIMESTAMP").setMode("NULLABLE"),
                            new TableFieldSchema().setName("sales").setType("FLOAT").setMode("NULLABLE"),
                            new TableFieldSchema().setName("comment").setType("STRING").setMode("NULLABLE")))));
    return ref;
  }

  private ObservationReadResult readSales(BigQueryIO.TypedRead<TableRow> read) {
    return pipeline.apply(
        ForecastIO.readObservations()
            .from(BigQueryObservationSource.of(read))
            .withIdColumns("store", "item")
            .withTimestampColumn("day")
            .withValueColumn("sales"));
  }

  private static void expectSales(ObservationReadResult result) {
    Schema observation =
        Schema.builder()
            .addStringField("store")
            .addInt64Field("item")
            .addDateTimeField("day")
            .addNullableField("sales", FieldType.DOUBLE)
            .build();
    PAssert.that(result.observations())
        .containsInAnyOrder(
            Row.withSchema(observation)
                .addValues("a", 1L, Instant.parse("2024-01-01T00:00:00Z"), 1.5)
                .build(),
            Row.withSchema(observation)
                .addValues("a", 1L, Instant.parse("2024-01-02T00:00:00Z"), null)
                .build());
    PAssert.that(result.failures())
        .satisfies(
            FailureChecks.expect(
                Map.of("table " + PROJECT + ":forecasting.sales", "id column 'store' is null")));
  }

  /**
   * The default read goes through the Storage Read API and asks for the four observation columns
   * only. The fake client serves whatever rows it holds, so this checks the request, not that
   * BigQuery projects; the rows then take the real Avro-to-TableRow-to-Row path.
   */
  @Test
  public void readsThroughTheStorageReadApiAskingOnlyForTheObservationColumns() throws Exception {
    createSalesTable();
    org.apache.avro.Schema avro =
        new org.apache.avro.Schema.Parser()
            .parse(
                "{\"type\": \"record\", \"name\": \"sales\", \"fields\": ["
                    + "{\"name\": \"store\", \"type\": [\"null\", \"string\"]},"
                    + "{\"name\": \"item\", \"type\": [\"null\", \"long\"]},"
                    + "{\"name\": \"day\", \"type\": [\"null\", {\"type\": \"long\", \"logicalType\": \"timestamp-micros\"}]},"
                    + "{\"name\": \"sales\", \"type\": [\"null\", \"double\"]}]}");
    List<GenericRecord> records =
        List.of(
            record(avro, "a", 1L, JAN_1_MICROS, 1.5),
            record(avro, "a", 1L, JAN_1_MICROS + DAY_MICROS, null),
            record(avro, null, 2L, JAN_1_MICROS, 3.0));
    FakeStorageReads.SESSIONS.clear();
    FakeBigQueryServices withStorage =
        new FakeBigQueryServices()
            .withDatasetService(datasets)
            .withJobService(jobs)
            .withStorageClient(new FakeStorageReads(avro, records));

    expectSales(
        readSales(
            BigQueryIO.readTableRowsWithSchema()
                .from(PROJECT + ":forecasting.sales")
                .withTestServices(withStorage)
                .withoutValidation()));
    pipeline.run().waitUntilFinish();

    assertEquals("one read session", 1, FakeStorageReads.SESSIONS.size());
    CreateReadSessionRequest session = FakeStorageReads.SESSIONS.get(0);
    assertEquals(
        "projects/" + PROJECT + "/datasets/forecasting/tables/sales",
        session.getReadSession().getTable());
    assertEquals(
        List.of("store", "item", "day", "sales"),
        session.getReadSession().getReadOptions().getSelectedFieldsList());
    assertEquals("no export job", 0, jobs.getAllJobs().size());
  }

  private static GenericRecord record(
      org.apache.avro.Schema schema, String store, Long item, Long dayMicros, Double sales) {
    GenericRecord record = new GenericData.Record(schema);
    record.put("store", store);
    record.put("item", item);
    record.put("day", dayMicros);
    record.put("sales", sales);
    return record;
  }

  /** A read whose caller chose EXPORT keeps it (an export job, all columns). */
  @Test
  public void anExplicitExportReadIsKept() throws Exception {
    TableReference ref = createSalesTable();
    datasets.insertAll(
        ref,
        List.of(
            new TableRow().set("store", "a").set("item", 1L).set("day", JAN_1_MICROS).set("sales", 1.5)
                .set("comment", "x"),
            new TableRow()
                .set("store", "a")
                .set("item", 1L)
                .set("day", JAN_1_MICROS + DAY_MICROS)
                .set("sales", null) // the fake needs every column present
                .set("comment", null),
            new TableRow().set("store", null).set("item", 2L).set("day", JAN_1_MICROS).set("sales", 3.0)
                .set("comment", null)),
        null);

    expectSales(
        readSales(
            BigQueryIO.readTableRowsWithSchema()
                .from(PROJECT + ":forecasting.sales")
                .withMethod(BigQueryIO.TypedRead.Method.EXPORT)
                .withTestServices(services)
                .withoutValidation()));
    pipeline.run().waitUntilFinish();
    assertEquals("one export job", 1, jobs.getAllJobs().size());
  }
}
