package io.timerbeam.io.jdbc;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import io.timerbeam.io.ObservationConverter;
import io.timerbeam.io.ObservationReadResult;
import io.timerbeam.io.ObservationSource;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.OptionalLong;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Observations from a SQL query through Beam's {@code JdbcIO} (PostgreSQL, DuckDB, any JDBC
 * database). Parquet files are read the same way, by DuckDB's {@code read_parquet}. By default
 * one query reads every row, on one worker; {@link #withPartitions} splits it into parallel
 * queries (see {@link PartitionedJdbcRead}).
 */
public final class JdbcObservationSource extends ObservationSource {
  private static final String PARQUET_FILE = "filename";
  private static final String PARQUET_ROW = "file_row_number";

  private final JdbcIO.DataSourceConfiguration dataSource;
  private final String query;
  private final String sourceName;
  private final SerializableFunction<Row, String> location;
  private final String where;
  private final int partitions;
  private final @Nullable String partitionColumn;

  private JdbcObservationSource(
      JdbcIO.DataSourceConfiguration dataSource,
      String query,
      String sourceName,
      SerializableFunction<Row, String> location,
      String where,
      int partitions,
      @Nullable String partitionColumn) {
    this.dataSource = dataSource;
    this.query = query;
    this.sourceName = sourceName;
    this.location = location;
    this.where = where;
    this.partitions = partitions;
    this.partitionColumn = partitionColumn;
  }

  private JdbcObservationSource(
      JdbcIO.DataSourceConfiguration dataSource,
      String query,
      String sourceName,
      SerializableFunction<Row, String> location,
      String where) {
    this(dataSource, query, sourceName, location, where, 1, null);
  }

  /**
   * Reads with {@code partitions} queries, each its own element, so that the runner spreads them
   * over its workers (default 1: one query). The rows are split by ranges of {@link
   * #withPartitionColumn} if given, else by a hash of the id columns modulo N (PostgreSQL and
   * DuckDB), which scans the whole query once per partition but needs no suitable column.
   */
  public JdbcObservationSource withPartitions(int partitions) {
    checkArgument(partitions >= 1, "withPartitions: need at least 1 partition, got %s", partitions);
    return new JdbcObservationSource(
        dataSource, query, sourceName, location, where, partitions, partitionColumn);
  }

  /**
   * An integer, date or timestamp column whose [min, max] (queried when the pipeline runs) is cut
   * into {@link #withPartitions} ranges of equal width; rows where it is NULL are read by one
   * more query. Best on an indexed column whose values spread evenly. With one partition this is
   * one range query plus the NULL query.
   */
  public JdbcObservationSource withPartitionColumn(String column) {
    SqlNames.checkIdentifier("withPartitionColumn", column);
    return new JdbcObservationSource(
        dataSource, query, sourceName, location, where, partitions, column);
  }

  /** Every row of {@code table} in the database configured by Beam's JdbcIO. */
  public static JdbcObservationSource ofTable(JdbcIO.DataSourceConfiguration dataSource, String table) {
    String quoted = SqlNames.quoteTable("table", table);
    String where = "table " + table;
    return new JdbcObservationSource(
        dataSource, "SELECT * FROM " + quoted, "jdbc", row -> where, where);
  }

  /** The rows of a query (trusted SQL, run as given) in the database configured by JdbcIO. */
  public static JdbcObservationSource ofQuery(JdbcIO.DataSourceConfiguration dataSource, String query) {
    checkArgument(query != null && !query.trim().isEmpty(), "query must not be empty");
    return new JdbcObservationSource(dataSource, query, "jdbc", row -> "query", "query");
  }

  /**
   * Parquet files read by DuckDB's {@code read_parquet} in the DuckDB database {@code duckDb}
   * (e.g. {@code :memory:}; {@code duckdb.DuckDb.parquet} gives one).
   */
  public static JdbcObservationSource ofParquet(JdbcIO.DataSourceConfiguration duckDb, String filePattern) {
    checkArgument(filePattern != null && !filePattern.isEmpty(), "parquet filePattern must not be empty");
    String query =
        "SELECT * FROM read_parquet("
            + SqlNames.literal(filePattern)
            + ", filename = true, file_row_number = true)";
    return new JdbcObservationSource(
        duckDb,
        query,
        "parquet",
        row -> row.getValue(PARQUET_FILE) + ":row " + (((Number) row.getValue(PARQUET_ROW)).longValue() + 1),
        "parquet " + filePattern);
  }

  /** The query's columns (one metadata query) hold the converter's, as {@link #read} requires. */
  @Override
  public void checkBeforeRead(ObservationConverter converter) {
    converter.outputSchema(JdbcRowMapping.forQuery(dataSource, query).schema(), sourceName + " " + query);
  }

  /** A {@code count(*)} over the query (DuckDB answers it from metadata for tables and Parquet). */
  @Override
  public OptionalLong estimatedRows() {
    try {
      return OptionalLong.of(JdbcConnections.describe(dataSource, sourceName + " " + query, c -> {
        try (Statement statement = c.createStatement();
            ResultSet count = statement.executeQuery(
                "SELECT count(*) FROM (" + query.trim().replaceAll(";+$", "") + ") AS counted")) {
          count.next();
          return count.getLong(1);
        }
      }));
    } catch (RuntimeException e) {
      return OptionalLong.empty(); // the read reports what is wrong with the query
    }
  }

  @Override
  public ObservationReadResult read(PBegin begin, ObservationConverter converter) {
    JdbcRowMapping mapping = JdbcRowMapping.forQuery(dataSource, query);
    PCollection<Row> raw =
        partitions == 1 && partitionColumn == null
            ? begin.apply("Read " + sourceName, singleQuery(mapping))
            : begin.apply(
                "Read " + sourceName + " in " + partitions + " partitions",
                new PartitionedJdbcRead(
                    dataSource, query, where, mapping, partitions, partitionColumn,
                    converter.idColumns()));
    return convertRows(raw, converter, sourceName + " " + query, location);
  }

  private JdbcIO.Read<Row> singleQuery(JdbcRowMapping mapping) {
    return singleQuery(dataSource, query, mapping);
  }

  /**
   * One query, read on one worker. Its rows are not reshuffled (JdbcIO's default): the series
   * grouping downstream shuffles them anyway, and on the DirectRunner that extra reshuffle of
   * every row cost minutes per 100,000 rows. Parallel reads come from {@link #withPartitions}.
   */
  @SuppressWarnings("deprecation") // JdbcIO 2.62 cannot infer a Row coder from a RowMapper
  static JdbcIO.Read<Row> singleQuery(
      JdbcIO.DataSourceConfiguration dataSource, String query, JdbcRowMapping mapping) {
    return JdbcIO.<Row>read()
        .withDataSourceConfiguration(dataSource)
        .withQuery(query)
        .withRowMapper(mapping)
        .withCoder(RowCoder.of(mapping.schema()))
        .withOutputParallelization(false);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    JdbcConnections.displayData(dataSource, builder);
    builder
        .add(DisplayData.item("source", sourceName).withLabel("Source"))
        .add(DisplayData.item("query", query).withLabel("Query"))
        .add(DisplayData.item("partitions", partitions).withLabel("Parallel reads"))
        .addIfNotNull(DisplayData.item("partitionColumn", partitionColumn).withLabel("Partition column (null: id hash)"));
  }
}
