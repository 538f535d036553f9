package io.timerbeam.io.gcp;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import io.timerbeam.io.ForecastFixtures;
import io.timerbeam.io.ForecastIO;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableReference;
import com.google.api.services.bigquery.model.TableSchema;
import com.google.api.services.bigquery.model.TimePartitioning;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices.DatasetService;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryUtils;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.Row;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The check a {@link BigQueryForecastSink} makes when the pipeline is built, against Beam's
 * in-memory FakeDatasetService (no network, no GCP): it shows which tables the check refuses and
 * with what message, not that real BigQuery would refuse the same load.
 */
public class BigQueryForecastSinkCheckTest {
  private static final String PROJECT = "test-project";
  private static final String TABLE = PROJECT + ":forecasting.forecasts";
  private static final TableReference REF =
      new TableReference().setProjectId(PROJECT).setDatasetId("forecasting").setTableId("forecasts");
  private static final TimePartitioning BY_CONTEXT_END_DAY =
      new TimePartitioning().setType("DAY").setField("context_end_timestamp");

  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();

  private final FakeDatasetService datasets = new FakeDatasetService();
  private final FakeBigQueryServices services =
      new FakeBigQueryServices().withDatasetService(datasets).withJobService(new FakeJobService());

  @Before
  public void clearTheFake() {
    FakeDatasetService.setUp(); // the fake's tables are static: start every test empty
  }

  private PipelineOptions options() {
    PipelineOptions options = TestPipeline.testingPipelineOptions();
    options.as(GcpOptions.class).setProject(PROJECT);
    options.setTempLocation(folder.getRoot().getAbsolutePath());
    return options;
  }

  private BigQueryForecastSink sink(String table) {
    return BigQueryForecastSink.of(table, BigQueryIO.<Row>write().withoutValidation()).withTestServices(services);
  }

  /** Builds, without running, a pipeline writing the fixture forecasts to {@code sink}. */
  private void build(BigQueryForecastSink sink) {
    Pipeline pipeline = Pipeline.create(options());
    pipeline
        .apply(Create.of(ForecastFixtures.rows(2, 2, 0.0)).withRowSchema(ForecastFixtures.SCHEMA))
        .apply(ForecastIO.writeForecasts().to(sink));
  }

  private String refused(BigQueryForecastSink sink) {
    return assertThrows(IllegalArgumentException.class, () -> build(sink)).getMessage();
  }

  private void createDataset() throws Exception {
    datasets.createDataset(PROJECT, "forecasting", "", "", null);
  }

  private void createTable(TimePartitioning partitioning, List<TableFieldSchema> columns) throws Exception {
    createDataset();
    datasets.createTable(
        new Table().setTableReference(REF).setTimePartitioning(partitioning)
            .setSchema(new TableSchema().setFields(columns)));
  }

  /** The columns the load would create, as BigQueryUtils maps the forecast rows' schema. */
  private static List<TableFieldSchema> forecastColumns() {
    return new ArrayList<>(BigQueryUtils.toTableSchema(ForecastFixtures.SCHEMA).getFields());
  }

  private static List<TableFieldSchema> replace(List<TableFieldSchema> columns, TableFieldSchema column) {
    columns.replaceAll(c -> c.getName().equals(column.getName()) ? column : c);
    return columns;
  }

  private static TableFieldSchema column(String name, String type, String mode) {
    return new TableFieldSchema().setName(name).setType(type).setMode(mode);
  }

  @Test
  public void aMissingDatasetIsRefusedWhenThePipelineIsBuilt() {
    String message = refused(sink(TABLE));
    assertThat(message, containsString("bigQuery " + TABLE + ": dataset test-project:forecasting does not exist"));
    assertThat(message, containsString("create it before the run"));
    assertThat(message, not(containsString("\n")));
  }

  @Test
  public void aClientThatCannotStartIsOneLineNamingTheTable() {
    FakeBigQueryServices noCredentials = new FakeBigQueryServices() {
      @Override
      public DatasetService getDatasetService(BigQueryOptions bqOptions) {
        throw new IllegalStateException("no application default credentials\n\tat somewhere");
      }
    };
    String message = refused(BigQueryForecastSink.of(TABLE, BigQueryIO.<Row>write().withoutValidation())
        .withTestServices(noCredentials));
    assertThat(message, containsString("bigQuery " + TABLE + " cannot be checked: no application default credentials"));
    assertThat(message, containsString("withoutCheckBeforeRun()"));
    assertThat(message, not(containsString("\n")));
  }

  @Test
  public void aTableWithoutAProjectIsCheckedInThePipelinesProject() {
    assertThat(refused(sink("forecasting.forecasts")),
        containsString("dataset test-project:forecasting does not exist"));
  }

  @Test
  public void aTablePartitionedOtherwiseIsRefusedNamingItsPartitioning() throws Exception {
    createTable(new TimePartitioning().setType("DAY"), forecastColumns()); // ingestion-time partitions
    String message = refused(sink(TABLE));
    assertThat(message, containsString("bigQuery " + TABLE + ": the table is partitioned by DAY on ingestion time"));
    assertThat(message, containsString("DAY partitions of context_end_timestamp"));
  }

  @Test
  public void anUnpartitionedTableIsRefused() throws Exception {
    createTable(null, forecastColumns());
    assertThat(refused(sink(TABLE)), containsString("bigQuery " + TABLE + ": the table is not partitioned"));
  }

  @Test
  public void aTableWithoutAForecastColumnIsRefusedNamingIt() throws Exception {
    List<TableFieldSchema> columns = forecastColumns();
    columns.removeIf(c -> c.getName().equals("model_id"));
    createTable(BY_CONTEXT_END_DAY, columns);
    String message = refused(sink(TABLE));
    assertThat(message, containsString("bigQuery " + TABLE + ": the table does not fit the forecasts"));
    assertThat(message, containsString("no column model_id for the forecasts' STRING REQUIRED"));
  }

  @Test
  public void aColumnOfAnotherTypeIsRefusedNamingBothTypes() throws Exception {
    createTable(BY_CONTEXT_END_DAY, replace(forecastColumns(), column("horizon_step", "STRING", "NULLABLE")));
    String message = refused(sink(TABLE));
    assertThat(message, containsString("bigQuery " + TABLE + ": "));
    assertThat(message, containsString("column horizon_step is STRING NULLABLE, the forecasts' is INT64 REQUIRED"));
  }

  @Test
  public void aRequiredColumnForANullableForecastColumnIsRefused() throws Exception {
    createTable(BY_CONTEXT_END_DAY, replace(forecastColumns(), column("q10", "FLOAT", "REQUIRED")));
    assertThat(refused(sink(TABLE)),
        containsString("bigQuery " + TABLE + ": the table does not fit the forecasts, the load would fail: "
            + "column q10 is FLOAT REQUIRED, the forecasts' is FLOAT64 NULLABLE"));
  }

  @Test
  public void aRequiredColumnTheForecastsLackIsRefused() throws Exception {
    List<TableFieldSchema> columns = forecastColumns();
    columns.add(column("note", "STRING", "REQUIRED"));
    createTable(BY_CONTEXT_END_DAY, columns);
    assertThat(refused(sink(TABLE)),
        containsString("column note is STRING REQUIRED but the forecasts have no such column"));
  }

  @Test
  public void everyMisfitIsNamedInOneLine() throws Exception {
    List<TableFieldSchema> columns = replace(forecastColumns(), column("item", "STRING", "REQUIRED"));
    columns.add(column("note", "STRING", "REQUIRED"));
    createTable(BY_CONTEXT_END_DAY, columns);
    String message = refused(sink(TABLE));
    assertThat(message, containsString("column item is STRING REQUIRED, the forecasts' is INT64 REQUIRED; "
        + "column note is STRING REQUIRED but the forecasts have no such column"));
    assertThat(message, not(containsString("\n")));
  }

  /**
   * Legacy type names (INTEGER, FLOAT), nullable columns for never-null forecasts and an extra
   * NULLABLE column all fit; the load then writes into the existing table.
   */
  @Test
  public void aFittingTableIsAcceptedAndWritten() throws Exception {
    List<TableFieldSchema> columns = new ArrayList<>();
    for (TableFieldSchema c : forecastColumns()) {
      String legacy = c.getType().equals("INT64") ? "INTEGER" : c.getType().equals("FLOAT64") ? "FLOAT" : c.getType();
      columns.add(column(c.getName(), legacy, c.getName().equals("forecast_value") ? null : c.getMode()));
    }
    columns.add(column("comment", "STRING", "NULLABLE"));
    createTable(BY_CONTEXT_END_DAY, columns);

    List<Row> rows = ForecastFixtures.rows(3, 2, 0.0);
    ForecastFixtures.write(rows, ForecastFixtures.SCHEMA, sink(TABLE), options());
    assertEquals(rows.size(), datasets.getAllRows(PROJECT, "forecasting", "forecasts").size());
  }

  @Test
  public void anAbsentTableIsAcceptedAndNotCreatedByTheCheck() throws Exception {
    createDataset();
    build(sink(TABLE));
    assertNull("the load creates the table, not the check", datasets.getTable(REF));
  }

  @Test
  public void theCheckCanBeSkippedAndDisplayDataSaysSo() {
    build(sink(TABLE).withoutCheckBeforeRun()); // no dataset: a check would refuse it
    assertEquals(false, displayed(sink(TABLE).withoutCheckBeforeRun(), "checkedBeforeRun"));
    assertEquals(true, displayed(sink(TABLE), "checkedBeforeRun"));
  }

  private static Object displayed(BigQueryForecastSink sink, String key) {
    return DisplayData.from(sink).items().stream()
        .filter(item -> item.getKey().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no display item " + key))
        .getValue();
  }
}
