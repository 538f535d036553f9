package io.timerbeam.io.jdbc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.timerbeam.io.duckdb.DuckDb;
import io.timerbeam.io.FailureChecks;
import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.ObservationReadResult;
import io.timerbeam.io.ObservationSource;
import io.timerbeam.transforms.ColumnRole;
import io.timerbeam.transforms.Columns;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Observations from PostgreSQL (a real server) and DuckDB tables through JdbcIO. */
public class JdbcObservationSourceTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();
  private static EmbeddedPostgres postgres;

  /** As the read stamps it: each column with its role. */
  private static final Schema OBSERVATION =
      Schema.builder()
          .addField(role(Schema.Field.of("store", FieldType.STRING), "id"))
          .addField(role(Schema.Field.of("item", FieldType.INT32), "id"))
          .addField(role(Schema.Field.of("day", FieldType.DATETIME), "timestamp"))
          .addField(role(Schema.Field.nullable("sales", FieldType.DOUBLE), "value"))
          .build();

  private static Schema.Field role(Schema.Field field, String role) {
    return field.withOptions(Schema.Options.builder().setOption(ColumnRole.OPTION, FieldType.STRING, role));
  }

  private static final String CREATE_AND_FILL =
      "CREATE TABLE sales (store VARCHAR, item INTEGER, day TIMESTAMP, sales VARCHAR);"
          + " INSERT INTO sales VALUES ('a', 1, '2024-01-01 00:00:00', '1.5'),"
          + " ('a', 1, '2024-01-02 00:00:00', NULL), (NULL, 2, '2024-01-01 00:00:00', '3'),"
          + " ('b', 2, '2024-01-01 06:00:00', 'n/a')";

  @BeforeClass
  public static void startPostgres() throws IOException, SQLException {
    postgres = EmbeddedPostgres.start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(CREATE_AND_FILL);
    }
  }

  @AfterClass
  public static void stopPostgres() throws IOException {
    postgres.close();
  }

  private ObservationReadResult read(ObservationSource source) {
    return pipeline.apply(
        ForecastIO.readObservations()
            .from(source)
            .withIdColumns("store", "item")
            .withTimestampColumn("day")
            .withValueColumn("sales"));
  }

  private static List<Row> goodRows() {
    return List.of(
        Row.withSchema(OBSERVATION)
            .addValues("a", 1, Instant.parse("2024-01-01T00:00:00Z"), 1.5)
            .build(),
        Row.withSchema(OBSERVATION)
            .addValues("a", 1, Instant.parse("2024-01-02T00:00:00Z"), null)
            .build());
  }

  private void expectSalesTable(ObservationReadResult result) {
    PAssert.that(result.observations()).containsInAnyOrder(goodRows());
    // The failures keep the ids the record has (null where it has none) and name the table and the reason.
    PAssert.that(result.failures())
        .satisfies(
            failures -> {
              Set<String> seen = new HashSet<>();
              for (Row failure : failures) {
                assertEquals(failure.toString(), ObservationReadResult.UNREADABLE_RECORD, failure.getString(Columns.ERROR_CODE));
                String message = failure.getString(Columns.ERROR_MESSAGE);
                int record = message.indexOf("; record: ");
                assertTrue(message, record > 0);
                seen.add(failure.getString("store") + "/" + failure.getInt32("item") + " " + message.substring(0, record));
              }
              assertEquals(
                  Set.of("null/2 table sales: id column 'store' is null or empty",
                      "b/2 table sales: value column 'sales': non-numeric value 'n/a'"),
                  seen);
              return null;
            });
  }

  @Test
  public void readsPostgresTableWithStringIdsRoutingBadRows() {
    JdbcIO.DataSourceConfiguration dataSource = PostgresForecastSinkTest.dataSource(postgres);
    ObservationReadResult result = read(JdbcObservationSource.ofTable(dataSource, "sales"));
    assertEquals(OBSERVATION, result.observations().getSchema());
    assertEquals(List.of("store", "item"), ColumnRole.ID.columns(result.observations().getSchema()));
    assertEquals(List.of("day"), ColumnRole.TIMESTAMP.columns(result.observations().getSchema()));
    assertEquals(List.of("sales"), ColumnRole.VALUE.columns(result.observations().getSchema()));
    expectSalesTable(result);
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void readsDuckDbFileTable() throws SQLException {
    String file = new File(folder.getRoot(), "obs.duckdb").getAbsolutePath();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      s.execute(CREATE_AND_FILL);
    }
    expectSalesTable(read(DuckDb.table(file, "sales")));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void parquetFailuresNameFileAndRow() throws SQLException {
    String file = new File(folder.getRoot(), "sales.parquet").getAbsolutePath();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(CREATE_AND_FILL);
      s.execute(
          "COPY (SELECT * FROM sales ORDER BY day, store NULLS LAST) TO "
              + SqlNames.literal(file)
              + " (FORMAT parquet)");
    }
    ObservationReadResult result = read(DuckDb.parquet(file));
    PAssert.that(result.observations()).containsInAnyOrder(goodRows());
    // File order: a 01-01, NULL store 01-01, b 01-01 06:00 ('n/a'), a 01-02.
    PAssert.that(result.failures())
        .satisfies(
            FailureChecks.expect(
                Map.of(
                    file + ":row 2", "id column 'store' is null",
                    file + ":row 3", "non-numeric value 'n/a'; record: store=b, item=2, day=2024-01-01T06:00, sales=n/a")));
    // One line of the user's columns: not Beam's multi-line Row dump with the read's own filename and file_row_number.
    PAssert.that(result.failures())
        .satisfies(failures -> {
          for (Row failure : failures) {
            String message = failure.getString(Columns.ERROR_MESSAGE);
            assertTrue(message, message.endsWith("; record: store=NULL, item=2, day=2024-01-01T00:00, sales=3")
                || message.endsWith("; record: store=b, item=2, day=2024-01-01T06:00, sales=n/a"));
          }
          return null;
        });
    pipeline.run().waitUntilFinish();
  }

  /** DuckDB and PostgreSQL keep microseconds; a zoned timestamp finer than the pipeline's millisecond is refused, not cut. */
  @Test
  public void aZonedTimestampFinerThanAMillisecondIsAFailureNotCut() throws SQLException {
    String file = new File(folder.getRoot(), "micros.duckdb").getAbsolutePath();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'; CREATE TABLE sales (store VARCHAR, item INTEGER, day TIMESTAMPTZ, sales DOUBLE);"
          + " INSERT INTO sales VALUES ('a', 1, '2024-01-01 00:00:00.001+00', 1), ('a', 1, '2024-01-01 00:00:00.000250+00', 2)");
    }
    ObservationReadResult result = read(DuckDb.table(file, "sales"));
    PAssert.that(result.observations()).containsInAnyOrder(
        Row.withSchema(OBSERVATION).addValues("a", 1, Instant.parse("2024-01-01T00:00:00.001Z"), 1.0).build());
    PAssert.that(result.failures()).satisfies(FailureChecks.expect(Map.of(
        "table sales", "timestamp column 'day': '2024-01-01T00:00:00.000250Z' is finer than a millisecond")));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void missingColumnIsRejectedAtConstructionNamingTableAndColumn() {
    JdbcIO.DataSourceConfiguration dataSource = PostgresForecastSinkTest.dataSource(postgres);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                pipeline.apply(
                    ForecastIO.readObservations()
                        .from(JdbcObservationSource.ofTable(dataSource, "sales"))
                        .withIdColumns("store")
                        .withTimestampColumn("day")
                        .withValueColumn("revenue")));
    assertTrue(e.getMessage(), e.getMessage().contains("no column 'revenue'"));
    assertTrue(e.getMessage(), e.getMessage().contains("\"sales\""));
    pipeline.enableAbandonedNodeEnforcement(false);
  }

  @Test
  public void injectedTableNameIsRejected() {
    JdbcIO.DataSourceConfiguration dataSource = PostgresForecastSinkTest.dataSource(postgres);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JdbcObservationSource.ofTable(dataSource, "sales; DROP TABLE sales"));
    assertTrue(e.getMessage(), e.getMessage().contains("not a valid SQL identifier"));
    pipeline.enableAbandonedNodeEnforcement(false);
  }
}
