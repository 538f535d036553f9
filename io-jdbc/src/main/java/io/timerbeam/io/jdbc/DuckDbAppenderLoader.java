package io.timerbeam.io.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import org.apache.beam.sdk.values.Row;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.joda.time.ReadableInstant;

/** DuckDB loader: the native Appender, which bypasses SQL parsing per row. */
final class DuckDbAppenderLoader implements StagingLoader {
  @Override
  public void load(Connection connection, SqlForecastTable table, Collection<Row> rows)
      throws SQLException {
    DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
    String stage = SqlForecastTable.STAGE.replace("\"", "");
    try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, stage)) {
      for (Row row : rows) {
        appender.beginRow();
        for (int i = 0; i < row.getFieldCount(); i++) {
          append(appender, row.getValue(i));
        }
        appender.endRow();
      }
    }
  }

  private static void append(DuckDBAppender appender, Object value) throws SQLException {
    if (value == null) {
      appender.append((String) null);
    } else if (value instanceof Double) {
      appender.append((double) (Double) value);
    } else if (value instanceof Integer) {
      appender.append((int) (Integer) value);
    } else if (value instanceof Long) {
      appender.append((long) (Long) value);
    } else if (value instanceof Float) {
      appender.append((float) (Float) value);
    } else if (value instanceof Short) {
      appender.append((short) (Short) value);
    } else if (value instanceof Byte) {
      appender.append((byte) (Byte) value);
    } else if (value instanceof Boolean) {
      appender.append((boolean) (Boolean) value);
    } else if (value instanceof BigDecimal) {
      appender.appendBigDecimal((BigDecimal) value);
    } else if (value instanceof ReadableInstant) {
      appender.appendLocalDateTime(SqlTypes.utc((ReadableInstant) value));
    } else {
      String text = SqlTypes.toText(value); // strings, and dates cast by DuckDB
      if (text.indexOf('\0') >= 0) {
        // The Appender passes C strings: it would cut the text at the NUL and merge distinct ids.
        throw new SQLException("DuckDB cannot store text holding a NUL character (U+0000): '"
            + text.replace("\0", "\\0") + "'");
      }
      appender.append(text);
    }
  }
}
