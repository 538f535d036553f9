package io.timerbeam.io.jdbc;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.schemas.logicaltypes.Date;
import org.joda.time.ReadableInstant;

/**
 * Maps Beam field types to SQL column types and values. The type names are understood by both
 * PostgreSQL and DuckDB. DATETIME is stored as TIMESTAMP (without zone) holding UTC.
 */
final class SqlTypes {
  private SqlTypes() {}

  static String columnType(String column, FieldType type) {
    if (type.getTypeName() == TypeName.LOGICAL_TYPE) {
      if (Date.IDENTIFIER.equals(type.getLogicalType().getIdentifier())) {
        return "DATE";
      }
      return columnType(column, type.getLogicalType().getBaseType());
    }
    switch (type.getTypeName()) {
      case STRING:
        return "VARCHAR";
      case BYTE:
      case INT16:
        return "SMALLINT";
      case INT32:
        return "INTEGER";
      case INT64:
        return "BIGINT";
      case FLOAT:
        return "REAL";
      case DOUBLE:
        return "FLOAT8";
      case DECIMAL:
        return "NUMERIC";
      case BOOLEAN:
        return "BOOLEAN";
      case DATETIME:
        return "TIMESTAMP";
      default:
        throw new IllegalArgumentException(
            "column '" + column + "' has type " + type + " which has no SQL mapping");
    }
  }

  /** The JDBC parameter value for a Row value: java.time types for dates and times. */
  static Object toJdbc(Object value) {
    if (value instanceof ReadableInstant) {
      return utc((ReadableInstant) value);
    }
    return value;
  }

  static LocalDateTime utc(ReadableInstant instant) {
    return LocalDateTime.ofEpochSecond(
        Math.floorDiv(instant.getMillis(), 1000L),
        (int) Math.floorMod(instant.getMillis(), 1000L) * 1_000_000,
        ZoneOffset.UTC);
  }

  /** Text form accepted by PostgreSQL COPY and by DuckDB's casts. */
  static String toText(Object value) {
    if (value instanceof ReadableInstant) {
      return utc((ReadableInstant) value).toString();
    }
    if (value instanceof LocalDate) {
      return value.toString();
    }
    return String.valueOf(value);
  }
}
