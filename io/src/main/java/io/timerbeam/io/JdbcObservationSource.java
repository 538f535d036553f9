package io.timerbeam.io;

import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;

/**
 * Observations from a SQL query through Beam's {@code JdbcIO.read()} (PostgreSQL, DuckDB, any
 * JDBC database). Parquet files are read the same way, by DuckDB's {@code read_parquet}.
 */
public final class JdbcObservationSource extends ObservationSource {
  private static final String PARQUET_FILE = "filename";
  private static final String PARQUET_ROW = "file_row_number";

  private final JdbcIO.DataSourceConfiguration dataSource;
  private final String query;
  private final String sourceName;
  private final SerializableFunction<Row, String> location;

  private JdbcObservationSource(
      JdbcIO.DataSourceConfiguration dataSource,
      String query,
      String sourceName,
      SerializableFunction<Row, String> location) {
    this.dataSource = dataSource;
    this.query = query;
    this.sourceName = sourceName;
    this.location = location;
  }

  static JdbcObservationSource ofTable(JdbcIO.DataSourceConfiguration dataSource, String table) {
    String quoted = SqlNames.quoteTable("table", table);
    String where = "table " + table;
    return new JdbcObservationSource(dataSource, "SELECT * FROM " + quoted, "jdbc", row -> where);
  }

  static JdbcObservationSource ofQuery(JdbcIO.DataSourceConfiguration dataSource, String query) {
    if (query == null || query.trim().isEmpty()) {
      throw new IllegalArgumentException("query must not be empty");
    }
    return new JdbcObservationSource(dataSource, query, "jdbc", row -> "query");
  }

  static JdbcObservationSource ofParquet(String filePattern) {
    if (filePattern == null || filePattern.isEmpty()) {
      throw new IllegalArgumentException("parquet filePattern must not be empty");
    }
    String query =
        "SELECT * FROM read_parquet("
            + SqlNames.literal(filePattern)
            + ", filename = true, file_row_number = true)";
    return new JdbcObservationSource(
        DuckDb.dataSource(":memory:"),
        query,
        "parquet",
        row -> row.getValue(PARQUET_FILE) + ":row " + (((Number) row.getValue(PARQUET_ROW)).longValue() + 1));
  }

  @Override
  @SuppressWarnings("deprecation") // JdbcIO 2.62 cannot infer a Row coder from a RowMapper
  PCollectionTuple read(PBegin begin, ObservationConverter converter) {
    JdbcRowMapping mapping = JdbcRowMapping.forQuery(dataSource, query);
    PCollection<Row> raw =
        begin.apply(
            "Read " + sourceName,
            JdbcIO.<Row>read()
                .withDataSourceConfiguration(dataSource)
                .withQuery(query)
                .withRowMapper(mapping)
                .withCoder(RowCoder.of(mapping.schema())));
    return convertRows(raw, converter, sourceName, sourceName + " " + query, location);
  }
}
