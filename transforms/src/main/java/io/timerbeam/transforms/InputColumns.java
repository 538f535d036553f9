package io.timerbeam.transforms;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.schemas.logicaltypes.Date;
import org.apache.beam.sdk.schemas.logicaltypes.DateTime;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.beam.sdk.schemas.logicaltypes.NanosInstant;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.ReadableInstant;

/**
 * The input columns that name a series, time a point and hold its value; checks their types
 * against the input schema and reads them. Times are read as UTC epoch milliseconds.
 */
final class InputColumns implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Set<String> TIME_LOGICAL_TYPES =
      Set.of(Date.IDENTIFIER, DateTime.IDENTIFIER, MicrosInstant.IDENTIFIER, NanosInstant.IDENTIFIER);
  private static final Set<TypeName> ID_TYPES =
      Set.of(TypeName.STRING, TypeName.BYTE, TypeName.INT16, TypeName.INT32, TypeName.INT64,
          TypeName.BOOLEAN, TypeName.DATETIME, TypeName.DECIMAL);

  private final Schema idSchema;
  /** Positions in the input schema, so that reading a point does no name lookups. */
  private final int[] idIndices;
  private final int timestampIndex;
  private final int valueIndex;
  private final String timestampName;
  private final String valueName;

  private InputColumns(Schema idSchema, int[] idIndices, int timestampIndex, int valueIndex, String timestampName,
      String valueName) {
    this.idSchema = idSchema;
    this.idIndices = idIndices;
    this.timestampIndex = timestampIndex;
    this.valueIndex = valueIndex;
    this.timestampName = timestampName;
    this.valueName = valueName;
  }

  /**
   * The columns the options name; where an option is not given, the columns the input schema
   * stamps with that {@link ColumnRole}, else the default name ({@link Columns}) when the input has
   * it. Checks they exist with usable types; the message names the option at fault.
   */
  static InputColumns of(Schema input, List<String> idColumns, @Nullable String timestampColumn,
      @Nullable String valueColumn) {
    List<String> idNames = idColumns.isEmpty() ? ColumnRole.ID.columns(input) : idColumns;
    if (idNames.isEmpty()) {
      idNames = List.of(unstamped(input, ColumnRole.ID, Columns.UNIQUE_ID, "withIdColumns"));
    }
    return checked(input, idNames,
        timestampColumn != null ? timestampColumn : chosen(input, ColumnRole.TIMESTAMP, Columns.DS, "withTimestampColumn"),
        valueColumn != null ? valueColumn : chosen(input, ColumnRole.VALUE, Columns.Y, "withValueColumn"));
  }

  private static String chosen(Schema input, ColumnRole role, String defaultName, String option) {
    String stamped = role.column(input, option);
    return stamped != null ? stamped : unstamped(input, role, defaultName, option);
  }

  private static String unstamped(Schema input, ColumnRole role, String defaultName, String option) {
    if (!input.hasField(defaultName)) {
      throw new IllegalArgumentException(option + "(...) is required: the input schema " + input.getFieldNames()
          + " stamps no column " + ColumnRole.OPTION + "=" + role.name().toLowerCase(Locale.ROOT)
          + " and has no column '" + defaultName + "'");
    }
    return defaultName;
  }

  private static InputColumns checked(Schema input, List<String> idColumns, String timestampColumn, String valueColumn) {
    Schema.Builder ids = Schema.builder();
    for (String name : idColumns) {
      FieldType type = field(input, name, "withIdColumns").getType();
      if (!isOrderableId(type)) {
        throw new IllegalArgumentException("withIdColumns: column '" + name + "' has type " + type
            + "; ids must be strings, integers, booleans, decimals, dates or timestamps");
      }
      // Forecast and failure rows keep the ids' role, so that sinks find them whatever the input stamped.
      ids.addField(ColumnRole.ID.stamp(input.getField(name)));
    }
    FieldType time = field(input, timestampColumn, "withTimestampColumn").getType();
    if (!isTime(time)) {
      throw new IllegalArgumentException("withTimestampColumn: column '" + timestampColumn + "' has type " + time
          + "; expected DATETIME, a date/datetime/timestamp logical type or INT64 epoch milliseconds");
    }
    FieldType value = field(input, valueColumn, "withValueColumn").getType();
    if (!value.getTypeName().isNumericType()) {
      throw new IllegalArgumentException(
          "withValueColumn: column '" + valueColumn + "' has type " + value + "; expected a numeric type");
    }
    return new InputColumns(ids.build(), idColumns.stream().mapToInt(input::indexOf).toArray(),
        input.indexOf(timestampColumn), input.indexOf(valueColumn), timestampColumn, valueColumn);
  }

  private static Schema.Field field(Schema input, String name, String option) {
    if (!input.hasField(name)) {
      throw new IllegalArgumentException(option + ": no column '" + name + "' in input schema " + input.getFieldNames());
    }
    return input.getField(name);
  }

  private static boolean isOrderableId(FieldType type) {
    return ID_TYPES.contains(type.getTypeName())
        || (type.getTypeName() == TypeName.LOGICAL_TYPE && isOrderableId(type.getLogicalType().getBaseType()));
  }

  private static boolean isTime(FieldType type) {
    return type.getTypeName() == TypeName.DATETIME
        || type.getTypeName() == TypeName.INT64
        || (type.getTypeName() == TypeName.LOGICAL_TYPE
            && TIME_LOGICAL_TYPES.contains(type.getLogicalType().getIdentifier()));
  }

  /** The id columns, with the input's names and types, in the order given. */
  Schema idSchema() {
    return idSchema;
  }

  /** The timestamp column's name in the input. */
  String timestampName() {
    return timestampName;
  }

  /** The value column's name in the input. */
  String valueName() {
    return valueName;
  }

  /** The series id of a point: its id column values, in id order. */
  Row id(Row point) {
    List<Object> ids = new ArrayList<>(idIndices.length);
    for (int index : idIndices) {
      ids.add(point.getValue(index));
    }
    return Row.withSchema(idSchema).attachValues(ids);
  }

  /** Whether the point belongs to the series {@code id} (as {@link #id} would give it). */
  boolean hasId(Row point, Row id) {
    for (int i = 0; i < idIndices.length; i++) {
      if (!Objects.equals(point.getValue(idIndices[i]), id.getValue(i))) {
        return false;
      }
    }
    return true;
  }

  /** The point's time in UTC epoch milliseconds, or null. */
  Long epochMillis(Row point) {
    return toEpochMillis(point.getValue(timestampIndex));
  }

  /** The point's value, NaN when missing. */
  double value(Row point) {
    Number value = point.getValue(valueIndex);
    return value == null ? Double.NaN : value.doubleValue();
  }

  private static Long toEpochMillis(Object time) {
    if (time == null) {
      return null;
    }
    if (time instanceof ReadableInstant) {
      return ((ReadableInstant) time).getMillis();
    }
    if (time instanceof java.time.Instant) {
      return ((java.time.Instant) time).toEpochMilli();
    }
    if (time instanceof LocalDate) {
      return ((LocalDate) time).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (time instanceof LocalDateTime) {
      return ((LocalDateTime) time).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    return (Long) time;
  }
}
