package io.timerbeam.io.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Schema inference and row mapping for {@link JdbcIO#read()}. Used instead of {@code
 * JdbcIO.readRows()}, whose VARCHAR mapping fails on DuckDB (it reports no length) and yields a
 * string logical type rather than STRING. Timestamps without zone stay local (LocalDateTime) so
 * that the reader's time zone applies to them.
 */
final class JdbcRowMapping implements JdbcIO.RowMapper<Row> {
  private final Schema schema;

  private JdbcRowMapping(Schema schema) {
    this.schema = schema;
  }

  /** Describes {@code query} at pipeline construction, like JdbcIO.readRows does. */
  static JdbcRowMapping forQuery(JdbcIO.DataSourceConfiguration dataSource, String query) {
    return JdbcConnections.describe(
        dataSource,
        "query '" + query + "'",
        c -> {
          try (PreparedStatement statement = c.prepareStatement(query)) {
            ResultSetMetaData meta = statement.getMetaData();
            Schema.Builder schema = Schema.builder();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              schema.addNullableField(meta.getColumnLabel(i), fieldType(meta, i));
            }
            return new JdbcRowMapping(schema.build());
          }
        });
  }

  Schema schema() {
    return schema;
  }

  /** A timestamp with zone, as an instant to the microsecond (Beam's DATETIME would cut it to the millisecond unseen). */
  private static final FieldType ZONED_TIMESTAMP = FieldType.logicalType(new MicrosInstant());

  private static FieldType fieldType(ResultSetMetaData meta, int column) throws SQLException {
    // PostgreSQL's driver reports timestamptz as TIMESTAMP; only the type name tells them apart.
    if ("timestamptz".equalsIgnoreCase(meta.getColumnTypeName(column))) {
      return ZONED_TIMESTAMP;
    }
    switch (meta.getColumnType(column)) {
      case Types.BOOLEAN:
      case Types.BIT:
        return FieldType.BOOLEAN;
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
        return FieldType.INT32;
      case Types.BIGINT:
        return FieldType.INT64;
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
      case Types.NUMERIC:
      case Types.DECIMAL:
        return FieldType.DOUBLE;
      case Types.DATE:
        return FieldType.logicalType(SqlTypes.DATE);
      case Types.TIMESTAMP:
        return FieldType.logicalType(SqlTypes.DATETIME);
      case Types.TIMESTAMP_WITH_TIMEZONE:
        return ZONED_TIMESTAMP;
      default:
        return FieldType.STRING;
    }
  }

  @Override
  public Row mapRow(ResultSet rs) throws SQLException {
    Row.Builder row = Row.withSchema(schema);
    for (int i = 0; i < schema.getFieldCount(); i++) {
      row.addValue(value(rs, i + 1, schema.getField(i).getType()));
    }
    return row.build();
  }

  private static @Nullable Object value(ResultSet rs, int column, FieldType type)
      throws SQLException {
    Object value;
    if (type.getTypeName() == Schema.TypeName.LOGICAL_TYPE) {
      // By identifier: the schema reaches the workers serialised, so the instance is not SqlTypes.DATE.
      String id = type.getLogicalType().getIdentifier();
      value = SqlTypes.DATE.getIdentifier().equals(id) ? rs.getObject(column, LocalDate.class)
          : MicrosInstant.IDENTIFIER.equals(id) ? instant(rs, column)
          : rs.getObject(column, LocalDateTime.class);
    } else {
      switch (type.getTypeName()) {
        case BOOLEAN:
          value = rs.getBoolean(column);
          break;
        case INT32:
          value = rs.getInt(column);
          break;
        case INT64:
          value = rs.getLong(column);
          break;
        case DOUBLE:
          value = rs.getDouble(column);
          break;
        default:
          value = rs.getString(column);
      }
    }
    return rs.wasNull() ? null : value;
  }

  /** To the microsecond, as the database holds it: the read refuses a time finer than its millisecond, never cuts it. */
  private static java.time.@Nullable Instant instant(ResultSet rs, int column) throws SQLException {
    try {
      OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
      return time == null ? null : time.toInstant();
    } catch (SQLException unsupported) {
      Timestamp time = rs.getTimestamp(column);
      return time == null ? null : time.toInstant();
    }
  }
}
