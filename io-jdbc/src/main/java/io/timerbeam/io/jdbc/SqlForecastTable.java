package io.timerbeam.io.jdbc;

import static org.apache.beam.sdk.util.Preconditions.checkArgumentNotNull;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/** The SQL text for one forecast table: DDL, staging table and the upsert from staging. */
final class SqlForecastTable implements Serializable {
  static final String STAGE = "\"timerbeam_stage\"";

  private final String table;
  private final Schema schema;
  private final List<String> keyColumns;

  SqlForecastTable(String table, Schema schema, List<String> keyColumns) {
    this.table = SqlNames.quoteTable("table", table);
    this.schema = schema;
    this.keyColumns = keyColumns;
    for (Schema.Field field : schema.getFields()) {
      SqlNames.checkIdentifier("column", field.getName());
      SqlTypes.columnType(field.getName(), field.getType());
    }
  }

  String name() {
    return table;
  }

  /** The forecast columns, unquoted, in order. */
  List<String> columns() {
    return schema.getFieldNames();
  }

  String createTableSql() {
    List<String> parts = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      boolean notNull = keyColumns.contains(field.getName()) || !field.getType().getNullable();
      parts.add(
          quote(field.getName())
              + " "
              + SqlTypes.columnType(field.getName(), field.getType())
              + (notNull ? " NOT NULL" : ""));
    }
    parts.add("PRIMARY KEY (" + join(keyColumns) + ")");
    return "CREATE TABLE IF NOT EXISTS " + table + " (" + String.join(", ", parts) + ")";
  }

  /** A session-private (temporary) table shaped like the target, without constraints. */
  String createStageSql() {
    return "CREATE TEMP TABLE IF NOT EXISTS "
        + STAGE
        + " AS SELECT "
        + join(schema.getFieldNames())
        + " FROM "
        + table
        + " LIMIT 0";
  }

  String upsertFromStageSql() {
    String columns = join(schema.getFieldNames());
    String updates =
        schema.getFieldNames().stream()
            .filter(c -> !keyColumns.contains(c))
            .map(c -> quote(c) + " = EXCLUDED." + quote(c))
            .collect(Collectors.joining(", "));
    return "INSERT INTO "
        + table
        + " ("
        + columns
        + ") SELECT "
        + columns
        + " FROM "
        + STAGE
        + " ON CONFLICT ("
        + join(keyColumns)
        + ") DO "
        + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + updates);
  }

  String insertIntoStageSql() {
    String marks = schema.getFieldNames().stream().map(c -> "?").collect(Collectors.joining(", "));
    return "INSERT INTO " + STAGE + " (" + join(schema.getFieldNames()) + ") VALUES (" + marks + ")";
  }

  /** The primary key values of {@code row}, for de-duplicating a batch before the upsert. */
  List<Object> key(Row row) {
    List<Object> key = new ArrayList<>(keyColumns.size());
    for (String column : keyColumns) {
      key.add(checkArgumentNotNull(
          row.getValue(column), "table %s, column %s: key column is null in %s", table, column, row));
    }
    return key;
  }

  private static String join(List<String> columns) {
    return columns.stream().map(SqlForecastTable::quote).collect(Collectors.joining(", "));
  }

  private static String quote(String column) {
    return SqlNames.quoteColumn("column", column);
  }
}
