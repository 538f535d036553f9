package io.timerbeam.io.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/** Reads a forecast table back with plain JDBC, independently of the code under test. */
final class JdbcRows {
  private JdbcRows() {}

  static List<Row> readAll(Connection connection, String table, Schema schema) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
      while (rs.next()) {
        Row.Builder row = Row.withSchema(schema);
        for (Schema.Field field : schema.getFields()) {
          row.addValue(value(rs, field));
        }
        rows.add(row.build());
      }
    }
    return rows;
  }

  static long count(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Object value(ResultSet rs, Schema.Field field) throws SQLException {
    String name = field.getName();
    Object value;
    switch (field.getType().getTypeName()) {
      case STRING:
        value = rs.getString(name);
        break;
      case INT32:
        value = rs.getInt(name);
        break;
      case INT64:
        value = rs.getLong(name);
        break;
      case DOUBLE:
        value = rs.getDouble(name);
        break;
      case DATETIME:
        LocalDateTime utc = rs.getObject(name, LocalDateTime.class);
        value = utc == null ? null : new Instant(utc.toInstant(ZoneOffset.UTC).toEpochMilli());
        break;
      default:
        throw new IllegalArgumentException("no reader for " + field);
    }
    return rs.wasNull() ? null : value;
  }
}
