package io.timerbeam.io.jdbc;

import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.jdbc.JdbcReadWithPartitionsHelper;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.KV;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How {@code JdbcIO.readWithPartitions} cuts an integer, date or timestamp column into ranges.
 * Values are encoded as longs (the integer itself, epoch days, epoch microseconds, rounded down)
 * so that one range computation serves every type; each range is half-open, [start, end), and
 * the ranges tile [min, max] with no gap, so every non-NULL value lies in exactly one of them.
 * Beam's own helpers cover only BIGINT and TIMESTAMP, and the TIMESTAMP one fails on a column
 * with no non-NULL value; here such a column yields no range (the NULL read takes every row).
 */
final class PartitionColumnRanges implements JdbcReadWithPartitionsHelper<Long> {
  private static final long MICROS = 1_000_000L;

  /** The long encoding of one column type. */
  enum Encoding {
    INTEGER,
    DATE,
    LOCAL_TIMESTAMP,
    INSTANT
  }

  private final String column;
  private final Encoding encoding;

  private PartitionColumnRanges(String column, Encoding encoding) {
    this.column = column;
    this.encoding = encoding;
  }

  /** The ranges of {@code column}, whose type (from the query's description) must be integer, date or timestamp. */
  static PartitionColumnRanges of(String column, FieldType type, String where) {
    return new PartitionColumnRanges(column, encoding(column, type, where));
  }

  private static Encoding encoding(String column, FieldType type, String where) {
    switch (type.getTypeName()) {
      case BYTE:
      case INT16:
      case INT32:
      case INT64:
        return Encoding.INTEGER;
      case DATETIME:
        return Encoding.INSTANT;
      case LOGICAL_TYPE:
        String id = type.getLogicalType().getIdentifier();
        if (SqlTypes.DATE.getIdentifier().equals(id)) {
          return Encoding.DATE;
        }
        if (SqlTypes.DATETIME.getIdentifier().equals(id)) {
          return Encoding.LOCAL_TIMESTAMP;
        }
        if (MicrosInstant.IDENTIFIER.equals(id)) {
          return Encoding.INSTANT;
        }
        break;
      default:
        break;
    }
    throw new IllegalArgumentException(
        "withPartitionColumn: column '" + column + "' of " + where + " has type " + type
            + "; give an integer, date or timestamp column, or leave withPartitionColumn out to"
            + " partition by a hash of the id columns");
  }

  /** The bounds query's row: (min, max), or (0, -1), an empty interval, when no value is non-NULL. */
  @Override
  public KV<Long, KV<Long, Long>> mapRow(ResultSet bounds) throws SQLException {
    @Nullable Long min = read(bounds, 1);
    @Nullable Long max = read(bounds, 2);
    // The key is replaced by the partition count by readWithPartitions.
    return KV.of(0L, min == null || max == null ? KV.of(0L, -1L) : KV.of(min, max));
  }

  /** At most {@code partitions} non-empty ranges of near-equal width covering [lower, upper]. */
  @Override
  public Iterable<KV<Long, Long>> calculateRanges(Long lower, Long upper, Long partitions) {
    List<KV<Long, Long>> ranges = new ArrayList<>();
    if (lower > upper) {
      return ranges;
    }
    if (upper == Long.MAX_VALUE) {
      throw new IllegalStateException(
          "partition column '" + column + "' holds the largest BIGINT, which no half-open range"
              + " can end after; partition by a hash of the id columns instead");
    }
    // BigInteger: max - min + 1 overflows a long when the column spans most of its range.
    BigInteger start = BigInteger.valueOf(lower);
    BigInteger span = BigInteger.valueOf(upper).subtract(start).add(BigInteger.ONE);
    BigInteger count = BigInteger.valueOf(partitions);
    long from = lower;
    for (long i = 1; i <= partitions; i++) {
      long to = start.add(span.multiply(BigInteger.valueOf(i)).divide(count)).longValueExact();
      if (to > from) {
        ranges.add(KV.of(from, to));
        from = to;
      }
    }
    return ranges;
  }

  @Override
  public void setParameters(KV<Long, Long> range, PreparedStatement statement) {
    try {
      statement.setObject(1, decode(range.getKey()));
      statement.setObject(2, decode(range.getValue()));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot bind range " + range + " of partition column '" + column + "': " + e, e);
    }
  }

  private @Nullable Long read(ResultSet rs, int index) throws SQLException {
    switch (encoding) {
      case INTEGER:
        long value = rs.getLong(index);
        return rs.wasNull() ? null : value;
      case DATE:
        LocalDate date = rs.getObject(index, LocalDate.class);
        return date == null ? null : date.toEpochDay();
      case LOCAL_TIMESTAMP:
        LocalDateTime local = rs.getObject(index, LocalDateTime.class);
        return local == null ? null : micros(local.toEpochSecond(ZoneOffset.UTC), local.getNano());
      default:
        OffsetDateTime instant = rs.getObject(index, OffsetDateTime.class);
        return instant == null
            ? null
            : micros(instant.toEpochSecond(), instant.getNano());
    }
  }

  /** The JDBC value of an encoded bound, of the column's own type so that an index on it is usable. */
  private Object decode(long value) {
    switch (encoding) {
      case INTEGER:
        return value;
      case DATE:
        return LocalDate.ofEpochDay(value);
      case LOCAL_TIMESTAMP:
        return LocalDateTime.ofEpochSecond(
            Math.floorDiv(value, MICROS), (int) Math.floorMod(value, MICROS) * 1000, ZoneOffset.UTC);
      default:
        return OffsetDateTime.ofInstant(
            java.time.Instant.ofEpochSecond(
                Math.floorDiv(value, MICROS), Math.floorMod(value, MICROS) * 1000),
            ZoneOffset.UTC);
    }
  }

  /** Epoch microseconds, rounded down (nanosecond timestamps still fall in the right range). */
  private static long micros(long epochSecond, int nano) {
    return epochSecond * MICROS + nano / 1000;
  }
}
