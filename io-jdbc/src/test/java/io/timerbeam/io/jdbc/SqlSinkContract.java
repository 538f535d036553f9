package io.timerbeam.io.jdbc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.timerbeam.io.ForecastFixtures;
import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.ForecastSink;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/**
 * Idempotency contract every SQL sink must meet; subclasses supply a real database. Each run is
 * its own pipeline because a rerun is exactly what is being tested.
 */
public abstract class SqlSinkContract {
  private static final AtomicInteger TABLES = new AtomicInteger();

  /** A sink writing into {@code table} with small batches, so that a run spans transactions. */
  abstract SqlForecastSink sink(String table);

  /** An independent connection for checking the table. */
  abstract Connection connect() throws SQLException;

  static String newTable() {
    return "forecasts_" + TABLES.incrementAndGet();
  }

  static void write(List<Row> rows, ForecastSink sink) {
    ForecastFixtures.write(rows, ForecastFixtures.SCHEMA, sink);
  }

  /** The sink's statements are tried when the pipeline is built, in a transaction rolled back. */
  static String constructionError(ForecastSink sink) {
    org.apache.beam.sdk.Pipeline p = org.apache.beam.sdk.Pipeline.create();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p
        .apply(org.apache.beam.sdk.transforms.Create.empty(ForecastFixtures.SCHEMA))
        .apply(ForecastIO.writeForecasts().to(sink)));
    return e.getMessage();
  }

  @Test
  public void anExistingTableThatDoesNotFitFailsBeforeTheRunAndANewOneIsNotLeftBehind() throws Exception {
    String table = newTable();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (store VARCHAR, note VARCHAR)");
    }
    String error = constructionError(sink(table));
    // One line naming the table and what does not fit, not the driver's "Binder Error" with its caret diagram.
    assertThat(error, org.hamcrest.Matchers.matchesPattern("table \"" + table + "\" in \\S+ cannot be written: "
        + "the table exists without columns [a-z_, 0-9]+ \\(it has store, note\\): write to another table"));

    String fresh = newTable();
    org.apache.beam.sdk.Pipeline p = org.apache.beam.sdk.Pipeline.create();
    p.apply(org.apache.beam.sdk.transforms.Create.empty(ForecastFixtures.SCHEMA)).apply(ForecastIO.writeForecasts().to(sink(fresh)));
    try (Connection c = connect()) {
      assertThrows("the check rolled its CREATE TABLE back", SQLException.class, () -> JdbcRows.count(c, "SELECT COUNT(*) FROM " + fresh));
    }
  }

  @Test
  public void writingTwiceKeepsEachKeyOnceAndReadsBackWhatWasWritten() throws Exception {
    String table = newTable();
    List<Row> rows = ForecastFixtures.rows(40, 12, 0.0);
    write(rows, sink(table));
    write(rows, sink(table));

    try (Connection c = connect()) {
      assertEquals(rows.size(), JdbcRows.count(c, "SELECT COUNT(*) FROM " + table));
      assertThat(
          JdbcRows.readAll(c, table, ForecastFixtures.SCHEMA),
          containsInAnyOrder(rows.toArray()));
    }
  }

  /** Rows of another shape (evaluation metrics: no forecast columns) keyed by the declared columns. */
  @Test
  public void rowsOfAnyShapeAreUpsertedByTheirDeclaredKey() throws Exception {
    String table = newTable();
    org.apache.beam.sdk.schemas.Schema schema = org.apache.beam.sdk.schemas.Schema.builder()
        .addStringField("series").addDateTimeField("cutoff").addStringField("model")
        .addNullableField("mae", org.apache.beam.sdk.schemas.Schema.FieldType.DOUBLE).build();
    org.joda.time.Instant cutoff = org.joda.time.Instant.parse("2024-03-01T00:00:00Z");
    List<Row> first = List.of(
        Row.withSchema(schema).addValues("a", cutoff, "timer", 1.0).build(),
        Row.withSchema(schema).addValues("a", cutoff, "seasonal_naive", null).build());
    List<Row> second = List.of(
        Row.withSchema(schema).addValues("a", cutoff, "timer", 2.0).build(),
        Row.withSchema(schema).addValues("a", cutoff, "seasonal_naive", 3.0).build());
    for (List<Row> rows : List.of(first, second)) {
      org.apache.beam.sdk.Pipeline p = org.apache.beam.sdk.Pipeline.create(
          org.apache.beam.sdk.testing.TestPipeline.testingPipelineOptions());
      p.apply(org.apache.beam.sdk.transforms.Create.of(rows).withRowSchema(schema))
          .apply(ForecastIO.writeForecasts().to(sink(table)).withKeyColumns("series", "cutoff", "model"));
      p.run().waitUntilFinish();
    }
    try (Connection c = connect()) {
      assertThat(JdbcRows.readAll(c, table, schema), containsInAnyOrder(second.toArray()));
    }
  }

  @Test
  public void rewritingUpdatesValuesInsteadOfAddingRows() throws Exception {
    String table = newTable();
    write(ForecastFixtures.rows(10, 6, 0.0), sink(table));
    List<Row> revised = ForecastFixtures.rows(10, 6, 100.0);
    write(revised, sink(table));

    try (Connection c = connect()) {
      assertThat(
          JdbcRows.readAll(c, table, ForecastFixtures.SCHEMA),
          containsInAnyOrder(revised.toArray()));
    }
  }

  @Test
  public void runFailingHalfWayThenRetriedLeavesNoDuplicatesAndNoLoss() throws Exception {
    String table = newTable();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      // The user's own table, with a constraint that rejects one row of the first attempt.
      s.execute(
          "CREATE TABLE " + table + " (store VARCHAR NOT NULL, item BIGINT NOT NULL,"
              + " forecast_timestamp TIMESTAMP NOT NULL, horizon_step INTEGER NOT NULL,"
              + " forecast_value FLOAT8 NOT NULL, q10 FLOAT8, q50 FLOAT8, q90 FLOAT8,"
              + " prediction_interval_lower_bound FLOAT8 NOT NULL,"
              + " prediction_interval_upper_bound FLOAT8 NOT NULL, confidence_level FLOAT8 NOT NULL,"
              + " context_end_timestamp TIMESTAMP NOT NULL,"
              + " model_id VARCHAR NOT NULL CHECK (model_id <> 'poison'),"
              + " PRIMARY KEY (store, item, context_end_timestamp, forecast_timestamp, model_id))");
    }
    List<Row> rows = ForecastFixtures.rows(50, 10, 0.0);
    List<Row> poisoned = new ArrayList<>(rows);
    // In one bundle, in order, batches of 100: rows 0-199 commit, the batch holding the poison
    // (rows 200-299) fails as a whole, and the bundle stops there.
    poisoned.add(250, ForecastFixtures.row("store-0", 999, 1, 1.0, "poison"));

    assertThrows(RuntimeException.class, () -> ForecastFixtures.writeInOneBundle(poisoned, sink(table).withBatchSize(100)));
    try (Connection c = connect()) {
      assertEquals("the batches before the failing one committed, the failing one rolled back",
          200, JdbcRows.count(c, "SELECT COUNT(*) FROM " + table));
    }

    write(rows, sink(table));
    try (Connection c = connect()) {
      assertThat(
          JdbcRows.readAll(c, table, ForecastFixtures.SCHEMA), containsInAnyOrder(rows.toArray()));
    }
  }
}
