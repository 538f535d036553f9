package io.timerbeam.cli.job;

import io.timerbeam.io.ForecastSink;
import io.timerbeam.io.ObservationSource;
import io.timerbeam.io.duckdb.DuckDb;
import io.timerbeam.io.files.FileForecastSink;
import io.timerbeam.io.gcp.BigQueryForecastSink;
import io.timerbeam.io.gcp.BigQueryObservationSource;
import io.timerbeam.io.jdbc.JdbcObservationSource;
import io.timerbeam.io.jdbc.SqlForecastSink;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/**
 * Turns the command line's {@code --input} and {@code --output} strings into sources and sinks:
 * a CSV or Parquet path, {@code duckdb:FILE[#TABLE]} (or a {@code .duckdb} file), a JDBC URL, or
 * {@code bigquery:PROJECT.DATASET.TABLE}.
 */
public final class Locations {
  private Locations() {}

  /**
   * Where observations come from; {@code table} or {@code query} name what to read from a database,
   * read with {@code partitions} parallel queries split by {@code partitionColumn} ranges (or, when
   * null, by a hash of the id columns). Partitions 0 reads a database or Parquet input with one query
   * per worker ({@code workers}) and other inputs as they split themselves (files, read streams).
   */
  public static ObservationSource source(String input, String table, String query, int partitions, String partitionColumn,
      int workers) {
    ObservationSource source = source(input, table, query);
    if (partitions == 0) { // the inputs that split by queries get one per worker
      partitions = source instanceof JdbcObservationSource ? Math.max(1, workers) : 1;
    }
    if (partitions == 1 && partitionColumn == null) {
      return source;
    }
    if (!(source instanceof JdbcObservationSource)) {
      throw new IllegalArgumentException("--partitions/--partition-column: --input " + input
          + " is not a database or Parquet input (CSV files are read one file per task, BigQuery through the Storage Read API's parallel streams)");
    }
    JdbcObservationSource partitioned = ((JdbcObservationSource) source).withPartitions(partitions);
    return partitionColumn == null ? partitioned : partitioned.withPartitionColumn(partitionColumn);
  }

  private static ObservationSource source(String input, String table, String query) {
    String lower = input.toLowerCase(Locale.ROOT);
    if (lower.startsWith("duckdb:") || lower.endsWith(".duckdb")) {
      String[] fileAndTable = duckDb(input);
      String t = fileAndTable[1] != null ? fileAndTable[1] : table;
      if (query != null) {
        return DuckDb.query(fileAndTable[0], query);
      }
      return DuckDb.table(fileAndTable[0], required(t, input));
    }
    if (lower.startsWith("jdbc:")) {
      JdbcIO.DataSourceConfiguration db = jdbc(input);
      return query != null ? JdbcObservationSource.ofQuery(db, query) : JdbcObservationSource.ofTable(db, required(table, input));
    }
    if (lower.startsWith("bigquery:")) {
      BigQueryIO.TypedRead<com.google.api.services.bigquery.model.TableRow> read = BigQueryIO.readTableRowsWithSchema();
      return BigQueryObservationSource.of(query != null ? read.fromQuery(query).usingStandardSql() : read.from(bigQueryTable(input)));
    }
    if (lower.endsWith(".csv") || lower.endsWith(".csv.gz") || lower.endsWith(".tsv")) {
      return lower.endsWith(".tsv") ? ObservationSource.csv(input).withDelimiter('\t') : ObservationSource.csv(input);
    }
    if (lower.endsWith(".parquet")) {
      return DuckDb.parquet(input);
    }
    throw new IllegalArgumentException("--input " + input + ": cannot tell its format; give a .csv or .parquet path, "
        + "duckdb:FILE#TABLE, a jdbc: URL with --table or --query, or bigquery:PROJECT.DATASET.TABLE");
  }

  /** Where forecasts go; {@code table} names the table in a database. */
  public static ForecastSink sink(String output, String table) {
    String lower = output.toLowerCase(Locale.ROOT);
    if (lower.startsWith("duckdb:") || lower.endsWith(".duckdb")) {
      String[] fileAndTable = duckDb(output);
      return DuckDb.sink(fileAndTable[0], duckDbTable(output, table));
    }
    if (lower.startsWith("jdbc:")) {
      return SqlForecastSink.of(jdbc(output), table);
    }
    if (lower.startsWith("bigquery:")) {
      return BigQueryForecastSink.of(bigQueryTable(output));
    }
    if (lower.endsWith(".csv")) {
      return FileForecastSink.ofCsv(output.substring(0, output.length() - 4)).withoutSharding();
    }
    if (lower.endsWith(".parquet")) {
      return FileForecastSink.ofParquet(output.substring(0, output.length() - 8)).withoutSharding();
    }
    throw new IllegalArgumentException("--output " + output + ": cannot tell its format; give a .duckdb, .csv or .parquet path, "
        + "duckdb:FILE#TABLE, a jdbc: URL, or bigquery:PROJECT.DATASET.TABLE");
  }

  /**
   * The local file a location names: a CSV, TSV or Parquet path (or glob), or a DuckDB file; null
   * for a database URL, BigQuery or a remote path.
   */
  public static Path localFile(String location) {
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:") || lower.startsWith("bigquery:") || location.contains("://")) {
      return null;
    }
    return lower.startsWith("duckdb:") || lower.endsWith(".duckdb") ? Path.of(duckDb(location)[0]) : Path.of(location);
  }

  /** The table a DuckDB location reads or writes ({@code #TABLE}, else {@code table}); null for other locations. */
  public static String duckDbTable(String location, String table) {
    String lower = location.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("duckdb:") && !lower.endsWith(".duckdb")) {
      return null;
    }
    String named = duckDb(location)[1];
    return named != null ? named : table;
  }

  /** An output as a summary names it: a database's with the table written ({@code #TABLE} over {@code table}). */
  public static String described(String output, String table) {
    String duckDbTable = duckDbTable(output, table);
    String written = duckDbTable != null ? duckDbTable : output.toLowerCase(Locale.ROOT).startsWith("jdbc:") ? table : null;
    return written == null ? output : output + " (table " + written + ")";
  }

  /** [file, table or null] from {@code duckdb:FILE#TABLE}, {@code duckdb:FILE} or {@code FILE.duckdb}. */
  private static String[] duckDb(String location) {
    String rest = location.regionMatches(true, 0, "duckdb:", 0, 7) ? location.substring(7) : location;
    int hash = rest.lastIndexOf('#');
    return hash < 0 ? new String[] {rest, null} : new String[] {rest.substring(0, hash), rest.substring(hash + 1)};
  }

  private static JdbcIO.DataSourceConfiguration jdbc(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    String driver = lower.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver"
        : lower.startsWith("jdbc:duckdb:") ? "org.duckdb.DuckDBDriver" : null;
    if (driver == null) {
      throw new IllegalArgumentException(url + ": only jdbc:postgresql: and jdbc:duckdb: URLs have a bundled driver");
    }
    return JdbcIO.DataSourceConfiguration.create(driver, url);
  }

  /** BigQuery's {@code project:dataset.table} from {@code bigquery:project.dataset.table} (either separator). */
  private static String bigQueryTable(String location) {
    String spec = location.substring("bigquery:".length());
    String[] parts = spec.split("[.:]");
    if (parts.length != 3) {
      throw new IllegalArgumentException(location + ": expected bigquery:PROJECT.DATASET.TABLE");
    }
    return parts[0] + ":" + parts[1] + "." + parts[2];
  }

  private static String required(String table, String input) {
    if (table == null) {
      throw new IllegalArgumentException("--input " + input + " is a database: name what to read with --table or --query");
    }
    return table;
  }
}
