package io.timerbeam.io.jdbc;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads a query as N partitions, each one query and one element of its own, so that the runner
 * spreads them over its workers. Partitions are either ranges of a column ({@code
 * JdbcIO.readWithPartitions} with {@link PartitionColumnRanges}, plus one read of the rows whose
 * column is NULL, which no range holds) or the classes of a hash of the id columns modulo N.
 * Either way every row of the query is read exactly once. The partitions are separate queries,
 * not one snapshot: rows written while they run may be seen by none or, if moved, by two.
 */
@SuppressWarnings("deprecation") // JdbcIO 2.62 cannot infer a Row coder from a RowMapper
final class PartitionedJdbcRead extends PTransform<PBegin, PCollection<Row>> {
  private static final String ALIAS = "partitioned";

  private final JdbcIO.DataSourceConfiguration dataSource;
  private final String query;
  private final String where;
  private final JdbcRowMapping mapping;
  private final int partitions;
  private final @Nullable String partitionColumn;
  private final List<String> idColumns;

  PartitionedJdbcRead(
      JdbcIO.DataSourceConfiguration dataSource,
      String query,
      String where,
      JdbcRowMapping mapping,
      int partitions,
      @Nullable String partitionColumn,
      List<String> idColumns) {
    this.dataSource = dataSource;
    this.query = query;
    this.where = where;
    this.mapping = mapping;
    this.partitions = partitions;
    this.partitionColumn = partitionColumn;
    this.idColumns = idColumns;
  }

  @Override
  public PCollection<Row> expand(PBegin begin) {
    return partitionColumn != null ? byColumn(begin, partitionColumn) : byIdHash(begin);
  }

  private PCollection<Row> byColumn(PBegin begin, String column) {
    checkArgument(
        mapping.schema().hasField(column),
        "withPartitionColumn: %s has no column '%s'; columns are %s",
        where, column, mapping.schema().getFieldNames());
    PartitionColumnRanges ranges =
        PartitionColumnRanges.of(column, mapping.schema().getField(column).getType(), where);
    String quoted = SqlNames.quoteColumn("withPartitionColumn", column);
    PCollection<Row> inRanges =
        begin.apply(
            partitions + " ranges of " + column,
            JdbcIO.<Row, Long>readWithPartitions(ranges)
                .withDataSourceConfiguration(dataSource)
                .withTable(subquery())
                .withPartitionColumn(quoted)
                .withNumPartitions(partitions)
                .withRowMapper(mapping)
                .withCoder(coder()));
    PCollection<Row> nulls =
        begin.apply(
            "NULL " + column,
            JdbcObservationSource.singleQuery(
                dataSource, subqueryWhere(quoted + " IS NULL"), mapping));
    return PCollectionList.of(inRanges).and(nulls).apply("All rows", Flatten.pCollections());
  }

  private PCollection<Row> byIdHash(PBegin begin) {
    String hash =
        JdbcConnections.describe(
            dataSource,
            where,
            c -> hashClass(c.getMetaData().getDatabaseProductName()));
    return begin
        .apply(
            "Partitions 0.." + (partitions - 1),
            Create.of(LongStream.range(0, partitions).boxed().collect(Collectors.toList())))
        .apply("Spread partitions", Reshuffle.viaRandomKey())
        .apply(
            partitions + " id hash classes",
            JdbcIO.<Long, Row>readAll()
                .withDataSourceConfiguration(dataSource)
                .withQuery(subqueryWhere(hash + " = ?"))
                .withParameterSetter((k, statement) -> statement.setLong(1, k))
                .withRowMapper(mapping)
                .withCoder(coder())
                // The partitions were spread already; reshuffling every row again buys nothing.
                .withOutputParallelization(false));
  }

  /** The partition (0..N-1) of a row: its id columns hashed by the database, modulo N. */
  private String hashClass(String product) {
    String ids =
        idColumns.stream()
            .map(id -> SqlNames.quoteColumn("withIdColumns", id))
            .collect(Collectors.joining(", "));
    if ("PostgreSQL".equalsIgnoreCase(product)) {
      // hashtext is an int4; shifted to be non-negative (abs would overflow on its minimum).
      return "mod(hashtext(ROW(" + ids + ")::text)::bigint + 2147483648, " + partitions + ")";
    }
    if ("DuckDB".equalsIgnoreCase(product)) {
      return "(hash(" + ids + ") % " + partitions + ")";
    }
    throw new IllegalArgumentException(
        "withPartitions: " + where + " is in " + product + ", where hashing the id columns is not"
            + " supported (PostgreSQL and DuckDB are); give withPartitionColumn an integer, date or"
            + " timestamp column");
  }

  private String subquery() {
    return "(" + query + ") AS " + ALIAS;
  }

  private String subqueryWhere(String predicate) {
    return "SELECT * FROM " + subquery() + " WHERE " + predicate;
  }

  private RowCoder coder() {
    return RowCoder.of(mapping.schema());
  }
}
