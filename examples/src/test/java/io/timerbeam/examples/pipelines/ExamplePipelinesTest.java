package io.timerbeam.examples.pipelines;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import io.timerbeam.io.gcp.BigQueryForecastSink;
import io.timerbeam.model.Fixtures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Each example pipeline runs end to end on the DirectRunner against a real store (BigQuery: Beam's fake). */
public class ExamplePipelinesTest {
  private static final int HORIZON = 6;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static String model() {
    return Fixtures.checkpoint(Fixtures.TINY).toString();
  }

  @Test
  public void nightlyBatchJobUpsertsParquetForecastsIntoDuckDb() throws Exception {
    Path parquet = tmp.getRoot().toPath().resolve("observations.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT unique_id, CAST(ds AS TIMESTAMP) AS ds, y FROM read_csv('data/r-datasets.csv')"
          + " WHERE unique_id IN ('AirPassengers', 'Nile', 'UKgas')) TO '" + parquet + "' (FORMAT PARQUET)");
    }
    Path db = tmp.getRoot().toPath().resolve("warehouse.duckdb");
    String[] args = {"--input=" + parquet, "--model=" + model(), "--warehouse=" + db, "--horizon=" + HORIZON,
        "--failures=" + tmp.getRoot().toPath().resolve("failures.csv")};
    for (int night = 0; night < 2; night++) { // the second night is a retry of the first: no duplicates
      NightlyBatchJob.Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(NightlyBatchJob.Options.class);
      Pipeline pipeline = Pipeline.create(options);
      NightlyBatchJob.build(pipeline, options);
      pipeline.run().waitUntilFinish();
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        ResultSet r = c.createStatement().executeQuery("SELECT count(*), count(DISTINCT unique_id) FROM forecasts")) {
      assertTrue(r.next());
      assertEquals(3L * HORIZON, r.getLong(1));
      assertEquals(3, r.getInt(2));
    }
  }

  @Test
  public void aWarehouseThatIsNeitherDuckDbNorPostgresIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NightlyBatchJob.warehouse("jdbc:mysql://db/analytics"));
    assertEquals("--warehouse jdbc:mysql://db/analytics: give a .duckdb file or a jdbc:postgresql: URL", e.getMessage());
  }

  @Test
  public void warehouseEnrichmentWritesForecastsAndAJoinedView() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      try (Connection c = DriverManager.getConnection(url)) {
        c.createStatement().execute("CREATE TABLE sales (store TEXT, item BIGINT, day DATE, units DOUBLE PRECISION)");
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO sales VALUES (?, ?, ?, ?)")) {
          for (String store : new String[] {"north", "south"}) {
            for (int day = 0; day < 60; day++) {
              insert.setString(1, store);
              insert.setLong(2, 7);
              insert.setObject(3, LocalDate.of(2026, 1, 1).plusDays(day));
              insert.setDouble(4, 10 + day % 7 + (store.equals("north") ? 5 : 0));
              insert.addBatch();
            }
          }
          insert.executeBatch();
        }
      }
      Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.create());
      WarehouseEnrichment.build(pipeline, url, model(), HORIZON);
      pipeline.run().waitUntilFinish();
      WarehouseEnrichment.createView(url);
      try (Connection c = DriverManager.getConnection(url);
          ResultSet r = c.createStatement().executeQuery("SELECT count(actual), count(forecast), min(day) FILTER (WHERE forecast IS NOT NULL)"
              + " FROM " + WarehouseEnrichment.VIEW + " WHERE store = 'north'")) {
        assertTrue(r.next());
        assertEquals(60, r.getLong(1));
        assertEquals(HORIZON, r.getLong(2));
        assertEquals(java.sql.Timestamp.valueOf("2026-03-02 00:00:00"), r.getTimestamp(3)); // the day after the last actual
      }
    }
  }

  @Test
  public void bigQueryJobReadsAndWritesThroughBigQueryIO() throws Exception {
    // No GCP here: Beam's in-memory fake stands in for BigQuery.
    FakeDatasetService datasets = new FakeDatasetService();
    FakeJobService jobs = new FakeJobService();
    FakeBigQueryServices services = new FakeBigQueryServices().withDatasetService(datasets).withJobService(jobs);
    FakeDatasetService.setUp();
    datasets.createDataset("demo-project", "forecasting", "", "", null);
    TableReference observations = new TableReference().setProjectId("demo-project").setDatasetId("forecasting").setTableId("observations");
    datasets.createTable(new com.google.api.services.bigquery.model.Table().setTableReference(observations)
        .setSchema(new TableSchema().setFields(List.of(
            new TableFieldSchema().setName("unique_id").setType("STRING").setMode("REQUIRED"),
            new TableFieldSchema().setName("ds").setType("TIMESTAMP").setMode("REQUIRED"),
            new TableFieldSchema().setName("y").setType("FLOAT").setMode("NULLABLE")))));
    List<TableRow> rows = new ArrayList<>();
    long day = 86_400_000_000L;
    for (int i = 0; i < 40; i++) {
      rows.add(new TableRow().set("unique_id", "a").set("ds", 1_704_067_200_000_000L + i * day).set("y", 5.0 + i % 5));
    }
    datasets.insertAll(observations, rows, null);

    PipelineOptions options = PipelineOptionsFactory.create();
    options.as(GcpOptions.class).setProject("demo-project");
    options.setTempLocation(tmp.getRoot().getAbsolutePath());
    Pipeline pipeline = Pipeline.create(options);
    BigQueryForecastJob.build(pipeline, "demo-project:forecasting.observations", model(), HORIZON,
        // EXPORT: the fake has no storage read service (the Storage Read API path is tested in io).
        BigQueryIO.readTableRowsWithSchema().withMethod(BigQueryIO.TypedRead.Method.EXPORT)
            .withTestServices(services).withoutValidation(),
        BigQueryForecastSink.of("demo-project:forecasting.forecasts", BigQueryIO.<Row>write().withoutValidation())
            .withTestServices(services));
    pipeline.run().waitUntilFinish();
    List<TableRow> written = datasets.getAllRows("demo-project", "forecasting", "forecasts");
    assertEquals(HORIZON, written.size());
  }
}
