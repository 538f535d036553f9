package io.timerbeam.io.jdbc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.timerbeam.io.duckdb.DuckDb;
import io.timerbeam.io.ForecastIO;
import io.timerbeam.io.ObservationReadResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Partitioned JDBC reads against a real PostgreSQL (and DuckDB): whatever the partitioning and
 * the partition count, exactly the rows of the table are read, each once, NULL partition values
 * included.
 */
public class JdbcObservationSourcePartitionsTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();
  @Rule public final transient TemporaryFolder folder = new TemporaryFolder();
  private static EmbeddedPostgres postgres;

  private static final int ROWS = 300;
  /** Rows inserted twice, so that the expected result is a multiset, not a set. */
  private static final List<Integer> DUPLICATED = List.of(5, 6, 200);

  private static final Schema OBSERVATION =
      Schema.builder()
          .addStringField("series")
          .addInt32Field("item")
          .addDateTimeField("ts")
          .addNullableField("v", FieldType.DOUBLE)
          .build();

  private static final String CREATE =
      "CREATE TABLE obs (series VARCHAR, item INTEGER, ts TIMESTAMP, v DOUBLE PRECISION,"
          + " seq BIGINT, loaded_at TIMESTAMP, loaded_tz TIMESTAMPTZ, day DATE, constant INTEGER,"
          + " all_null BIGINT, label VARCHAR)";

  @BeforeClass
  public static void startPostgres() throws IOException, SQLException {
    postgres = EmbeddedPostgres.start();
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      fill(c, true);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE empty_obs AS SELECT * FROM obs WHERE false");
      }
    }
  }

  @AfterClass
  public static void stopPostgres() throws IOException {
    postgres.close();
  }

  /** Row i: partition columns with NULLs every few rows, negative values, sub-second times. */
  private static void fill(Connection c, boolean withTimeZone) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(withTimeZone ? CREATE : CREATE.replace("TIMESTAMPTZ", "TIMESTAMP"));
    }
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO obs VALUES (?, ?, ?, ?, ?, ?, ?, ?, 42, NULL, 'x')")) {
      for (int i = 0; i < ROWS; i++) {
        for (int copy = 0; copy < (DUPLICATED.contains(i) ? 2 : 1); copy++) {
          insert.setString(1, "s" + (i % 13));
          insert.setInt(2, i % 3);
          insert.setObject(3, LocalDateTime.of(2024, 1, 1, 0, 0).plusHours(i));
          set(insert, 4, i % 10 == 0 ? null : i * 0.5, Types.DOUBLE);
          set(insert, 5, i % 17 == 0 ? null : i * 1000L - 50_000L, Types.BIGINT);
          LocalDateTime loaded = LocalDateTime.of(2023, 6, 1, 0, 0).plusMinutes(37L * i).plusNanos(i * 1000L);
          set(insert, 6, i % 11 == 0 ? null : loaded, Types.TIMESTAMP);
          if (withTimeZone) {
            set(insert, 7, i % 7 == 0 ? null : loaded.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
          } else {
            set(insert, 7, i % 7 == 0 ? null : loaded, Types.TIMESTAMP);
          }
          set(insert, 8, i % 5 == 0 ? null : LocalDate.of(2020, 1, 1).plusDays(i / 4), Types.DATE);
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }

  private static void set(PreparedStatement insert, int index, Object value, int type) throws SQLException {
    if (value == null) {
      insert.setNull(index, type);
    } else {
      insert.setObject(index, value);
    }
  }

  private static List<Row> expectedObservations() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      for (int copy = 0; copy < (DUPLICATED.contains(i) ? 2 : 1); copy++) {
        rows.add(
            Row.withSchema(OBSERVATION)
                .addValues(
                    "s" + (i % 13),
                    i % 3,
                    new Instant(Instant.parse("2024-01-01T00:00:00Z").getMillis() + i * 3_600_000L),
                    i % 10 == 0 ? null : i * 0.5)
                .build());
      }
    }
    return rows;
  }

  private ObservationReadResult read(String name, JdbcObservationSource source) {
    return pipeline.apply(
        name,
        ForecastIO.readObservations()
            .from(source)
            .withIdColumns("series", "item")
            .withTimestampColumn("ts")
            .withValueColumn("v"));
  }

  private void expectEveryRowOnce(String name, JdbcObservationSource source) {
    ObservationReadResult result = read(name, source);
    PAssert.that(name, result.observations()).containsInAnyOrder(expectedObservations());
    PAssert.that(name + " failures", result.failures()).empty();
  }

  @Test
  public void everyPartitioningReadsEveryRowExactlyOnce() {
    JdbcIO.DataSourceConfiguration dataSource = PostgresForecastSinkTest.dataSource(postgres);
    // null: hash of the id columns. constant has one distinct value, all_null none at all.
    List<String> columns =
        Arrays.asList(null, "seq", "loaded_at", "loaded_tz", "day", "constant", "all_null");
    for (String column : columns) {
      for (int partitions : new int[] {1, 4, 7}) {
        JdbcObservationSource source =
            JdbcObservationSource.ofTable(dataSource, "obs").withPartitions(partitions);
        if (column != null) {
          source = source.withPartitionColumn(column);
        }
        expectEveryRowOnce((column == null ? "hash" : column) + " x" + partitions, source);
      }
    }
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void queriesArePartitionedToo() {
    JdbcIO.DataSourceConfiguration dataSource = PostgresForecastSinkTest.dataSource(postgres);
    String query = "SELECT series, item, ts, v, seq FROM obs ORDER BY ts";
    expectEveryRowOnce("query hash", JdbcObservationSource.ofQuery(dataSource, query).withPartitions(4));
    expectEveryRowOnce(
        "query seq",
        JdbcObservationSource.ofQuery(dataSource, query).withPartitions(4).withPartitionColumn("seq"));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void emptyTableReadsNothingWithEveryPartitioning() {
    JdbcIO.DataSourceConfiguration dataSource = PostgresForecastSinkTest.dataSource(postgres);
    for (String column : Arrays.asList(null, "seq", "loaded_at", "day")) {
      JdbcObservationSource source = JdbcObservationSource.ofTable(dataSource, "empty_obs").withPartitions(4);
      ObservationReadResult result =
          read("empty " + column, column == null ? source : source.withPartitionColumn(column));
      PAssert.that("empty " + column, result.observations()).empty();
    }
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void duckDbFileIsPartitionedByHashAndByColumn() throws SQLException {
    String file = new File(folder.getRoot(), "obs.duckdb").getAbsolutePath();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      fill(c, false);
    }
    expectEveryRowOnce("duckdb hash", DuckDb.table(file, "obs").withPartitions(4));
    for (String column : List.of("seq", "loaded_at", "day")) {
      expectEveryRowOnce(
          "duckdb " + column,
          DuckDb.table(file, "obs").withPartitions(4).withPartitionColumn(column));
    }
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void rangesTileTheInterval() {
    PartitionColumnRanges ranges =
        PartitionColumnRanges.of("seq", FieldType.INT64, "table obs");
    assertEquals(
        List.of(KV.of(-5L, -2L), KV.of(-2L, 2L), KV.of(2L, 6L)),
        list(ranges.calculateRanges(-5L, 5L, 3L)));
    assertEquals("one distinct value: one range", List.of(KV.of(42L, 43L)), list(ranges.calculateRanges(42L, 42L, 7L)));
    assertEquals("fewer values than partitions", 3, list(ranges.calculateRanges(0L, 2L, 7L)).size());
    assertEquals("no value", List.of(), list(ranges.calculateRanges(0L, -1L, 4L)));
    List<KV<Long, Long>> wide = list(ranges.calculateRanges(Long.MIN_VALUE, Long.MAX_VALUE - 1, 4L));
    assertEquals(Long.MIN_VALUE, (long) wide.get(0).getKey());
    assertEquals(Long.MAX_VALUE, (long) wide.get(3).getValue());
    for (int i = 1; i < wide.size(); i++) {
      assertEquals("no gap, no overlap", wide.get(i - 1).getValue(), wide.get(i).getKey());
    }
    IllegalStateException max =
        assertThrows(IllegalStateException.class, () -> ranges.calculateRanges(0L, Long.MAX_VALUE, 2L));
    assertTrue(max.getMessage(), max.getMessage().contains("partition column 'seq' holds the largest BIGINT"));
  }

  private static List<KV<Long, Long>> list(Iterable<KV<Long, Long>> ranges) {
    List<KV<Long, Long>> list = new ArrayList<>();
    ranges.forEach(list::add);
    return list;
  }

  @Test
  public void badPartitionOptionsAreNamed() {
    JdbcIO.DataSourceConfiguration dataSource = PostgresForecastSinkTest.dataSource(postgres);
    JdbcObservationSource obs = JdbcObservationSource.ofTable(dataSource, "obs");
    assertMessage(() -> obs.withPartitions(0), "withPartitions: need at least 1 partition, got 0");
    assertMessage(() -> obs.withPartitionColumn("seq; DROP TABLE obs"), "not a valid SQL identifier");
    assertMessage(
        () -> read("text", obs.withPartitions(2).withPartitionColumn("label")),
        "withPartitionColumn: column 'label' of table obs has type STRING; give an integer, date or timestamp column");
    assertMessage(
        () -> read("double", obs.withPartitions(2).withPartitionColumn("v")),
        "column 'v' of table obs has type DOUBLE");
    assertMessage(
        () -> read("missing", obs.withPartitions(2).withPartitionColumn("nope")),
        "withPartitionColumn: table obs has no column 'nope'");
    pipeline.enableAbandonedNodeEnforcement(false);
  }

  private static void assertMessage(org.junit.function.ThrowingRunnable call, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage(), e.getMessage().contains(expected));
  }
}
