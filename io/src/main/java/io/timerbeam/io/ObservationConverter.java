package io.timerbeam.io;

import static org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.base.Preconditions.checkArgument;

import io.timerbeam.transforms.ColumnRole;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;
import org.joda.time.ReadableInstant;

/**
 * Turns one source record into an observation row: the id columns (non-null, types kept), the
 * timestamp column as DATETIME and the value column as nullable DOUBLE (null = missing). Column
 * names are kept as given; each field is stamped with its {@link ColumnRole}. {@link
 * ReadObservations} makes one from its options and hands it to {@link ObservationSource#read}.
 */
public final class ObservationConverter implements Serializable {
  /** Reads one named column of the source record. */
  interface Record {
    @Nullable Object get(String column);
  }

  private final List<String> idColumns;
  private final String timestampColumn;
  private final String valueColumn;
  private final String timeZone;
  private final @Nullable String timestampPattern;
  private final boolean wide;
  private transient @Nullable DateTimeFormatter formatter;

  ObservationConverter(
      List<String> idColumns,
      String timestampColumn,
      String valueColumn,
      String timeZone,
      @Nullable String timestampPattern,
      boolean wide) {
    this.idColumns = idColumns;
    this.timestampColumn = timestampColumn;
    this.valueColumn = valueColumn;
    this.timeZone = timeZone;
    this.timestampPattern = timestampPattern;
    this.wide = wide;
  }

  /** The series id columns, as the source names them. */
  public List<String> idColumns() {
    return idColumns;
  }

  /** The timestamp column, as the source names it. */
  public String timestampColumn() {
    return timestampColumn;
  }

  /** The value column, as the source names it. */
  public String valueColumn() {
    return valueColumn;
  }

  /** The columns every record must have: ids, timestamp, value (only the timestamp when wide). */
  List<String> requiredColumns() {
    if (wide) {
      return List.of(timestampColumn);
    }
    List<String> required = new ArrayList<>(idColumns);
    required.add(timestampColumn);
    required.add(valueColumn);
    return required;
  }

  /**
   * Observation schema for a source whose columns are {@code source}; ids keep their types. Throws
   * {@link IllegalArgumentException} naming {@code sourceName} where a column is missing.
   */
  public Schema outputSchema(Schema source, String sourceName) {
    Schema.Builder schema = Schema.builder();
    for (String id : idColumns) {
      schema.addField(ColumnRole.ID.stamp(Schema.Field.of(id, field(source, id, sourceName).getType().withNullable(false))));
    }
    field(source, timestampColumn, sourceName);
    field(source, valueColumn, sourceName);
    return withTimeAndValue(schema);
  }

  /** Observation schema for text sources (CSV), whose ids are strings. */
  Schema textOutputSchema() {
    Schema.Builder schema = Schema.builder();
    idColumns.forEach(id -> schema.addField(ColumnRole.ID.stamp(Schema.Field.of(id, FieldType.STRING))));
    return withTimeAndValue(schema);
  }

  private Schema withTimeAndValue(Schema.Builder ids) {
    return ids
        .addField(ColumnRole.TIMESTAMP.stamp(Schema.Field.of(timestampColumn, FieldType.DATETIME)))
        .addField(ColumnRole.VALUE.stamp(Schema.Field.nullable(valueColumn, FieldType.DOUBLE)))
        .build();
  }

  /**
   * The ids of a record that could not be converted, for its failure row: each as the record holds
   * it, null where it holds none.
   */
  List<Object> idsOf(Record record) {
    List<Object> ids = new ArrayList<>(idColumns.size());
    for (String id : idColumns) {
      Object value = record.get(id);
      ids.add(value instanceof String && ((String) value).isEmpty() ? null : value);
    }
    return ids;
  }

  /** Whether each column but the timestamp is one series ({@link ReadObservations#withWideColumns}). */
  boolean wide() {
    return wide;
  }

  /** The series columns of a wide source whose columns are {@code columns}: all but the timestamp. */
  List<String> seriesColumns(List<String> columns) {
    List<String> series = new ArrayList<>(columns);
    series.remove(timestampColumn);
    return series;
  }

  /**
   * The observation of one series column of a wide record: the column name is the id and its
   * field the value; a failure names the column.
   */
  Row convertColumn(Record record, String series, Schema output) throws InvalidObservationException {
    return convert(seriesRecord(record, series), series, output);
  }

  /** One series column of a wide record, read as a long record: the id column holds the column name. */
  Record seriesRecord(Record record, String series) {
    return column -> column.equals(idColumns.get(0)) ? series : record.get(column);
  }

  Row convert(Record record, Schema output) throws InvalidObservationException {
    return convert(record, valueColumn, output);
  }

  /** The observation whose value is read from {@code valueSource}, the column a failure names. */
  private Row convert(Record record, String valueSource, Schema output) throws InvalidObservationException {
    Row.Builder row = Row.withSchema(output);
    for (String id : idColumns) {
      Object value = record.get(id);
      if (value == null || (value instanceof String && ((String) value).isEmpty())) {
        throw new InvalidObservationException("id column '" + id + "' is null or empty");
      }
      if (value instanceof String && ((String) value).indexOf('\0') >= 0) {
        // DuckDB's Appender cuts text at a NUL and PostgreSQL refuses it: two ids would merge.
        throw new InvalidObservationException(
            "id column '" + id + "' holds a NUL character (U+0000), which the database sinks cannot store");
      }
      row.addValue(value);
    }
    return row.addValue(timestamp(record.get(timestampColumn)))
        .addValue(value(record.get(valueSource), valueSource))
        .build();
  }

  private Instant timestamp(@Nullable Object value) throws InvalidObservationException {
    ZoneId zone = ZoneId.of(timeZone);
    if (value == null || (value instanceof String && ((String) value).trim().isEmpty())) {
      throw new InvalidObservationException("timestamp column '" + timestampColumn + "' is null");
    }
    if (value instanceof ReadableInstant) {
      return ((ReadableInstant) value).toInstant();
    }
    if (value instanceof java.time.Instant) {
      return millis((java.time.Instant) value, value);
    }
    if (value instanceof java.util.Date) {
      return new Instant(((java.util.Date) value).getTime());
    }
    if (value instanceof LocalDateTime) {
      return millis(((LocalDateTime) value).atZone(zone).toInstant(), value);
    }
    if (value instanceof OffsetDateTime) {
      return millis(((OffsetDateTime) value).toInstant(), value);
    }
    if (value instanceof LocalDate) {
      return millis(((LocalDate) value).atStartOfDay(zone).toInstant(), value);
    }
    if (value instanceof String) {
      return parse(((String) value).trim(), zone);
    }
    throw new InvalidObservationException(
        "timestamp column '" + timestampColumn + "' has a " + value.getClass().getSimpleName()
            + " value '" + value + "', not a date or time");
  }

  private Instant parse(String text, ZoneId zone) throws InvalidObservationException {
    try {
      TemporalAccessor parsed =
          formatter().parseBest(text, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
      if (parsed instanceof ZonedDateTime) {
        return millis(((ZonedDateTime) parsed).toInstant(), text);
      }
      if (parsed instanceof LocalDateTime) {
        return millis(((LocalDateTime) parsed).atZone(zone).toInstant(), text);
      }
      return millis(((LocalDate) parsed).atStartOfDay(zone).toInstant(), text);
    } catch (DateTimeParseException e) {
      // A cause is a field out of range or a day the month lacks (2023-02-30), the text's shape being right.
      throw new InvalidObservationException(
          "timestamp column '" + timestampColumn + "': unparseable timestamp '" + text + "'"
              + (e.getCause() == null ? "" : ": " + e.getCause().getMessage())
              + " (expected " + (timestampPattern == null ? "ISO-8601" : "'" + timestampPattern + "'")
              + ")");
    }
  }

  private static @Nullable Double value(@Nullable Object value, String column) throws InvalidObservationException {
    if (value == null) {
      return null;
    }
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    String text = value.toString().trim();
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new InvalidObservationException(
          "value column '" + column + "': non-numeric value '" + text + "'");
    }
  }

  /**
   * Strict: a day the month lacks (2023-02-30, 2023-02-29) is refused, not moved to the month's
   * last day. A pattern's {@code yyyy} is a year of the era, which strict resolving needs: the era
   * defaults to CE.
   */
  private DateTimeFormatter formatter() {
    if (formatter == null) {
      formatter =
          (timestampPattern != null
              ? new DateTimeFormatterBuilder().appendPattern(timestampPattern).parseDefaulting(ChronoField.ERA, 1)
              : new DateTimeFormatterBuilder()
                  .append(DateTimeFormatter.ISO_LOCAL_DATE)
                  .optionalStart()
                  .optionalStart()
                  .appendLiteral('T')
                  .optionalEnd()
                  .optionalStart()
                  .appendLiteral(' ')
                  .optionalEnd()
                  .append(DateTimeFormatter.ISO_LOCAL_TIME)
                  .optionalStart()
                  .appendOffsetId()
                  .optionalEnd()
                  .optionalEnd())
              .toFormatter()
              .withResolverStyle(ResolverStyle.STRICT);
    }
    return formatter;
  }

  /**
   * {@code time} as the millisecond instant the pipeline keeps; a finer time is refused, not cut
   * (points 250 microseconds apart would collide as duplicates).
   */
  private Instant millis(java.time.Instant time, Object value) throws InvalidObservationException {
    if (time.getNano() % 1_000_000 != 0) {
      throw new InvalidObservationException("timestamp column '" + timestampColumn + "': '" + value
          + "' is finer than a millisecond, the finest time the pipeline keeps");
    }
    return new Instant(time.toEpochMilli());
  }

  private static Schema.Field field(Schema source, String column, String sourceName) {
    checkArgument(source.hasField(column), "%s has no column '%s'; columns are %s", sourceName, column, source.getFieldNames());
    return source.getField(column);
  }
}
