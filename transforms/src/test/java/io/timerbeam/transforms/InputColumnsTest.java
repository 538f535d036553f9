package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** Every supported timestamp type reads as the same UTC epoch milliseconds; numbers of any type as doubles. */
public class InputColumnsTest {
  private static final long MILLIS = 1_704_067_200_000L + 3_600_000L; // 2024-01-01T01:00:00Z

  private static Long read(FieldType timeType, Object time) {
    Schema schema = Schema.builder().addStringField("id").addNullableField("t", timeType)
        .addNullableField("v", FieldType.INT16).build();
    Row row = Row.withSchema(schema).addValues("a", time, (short) 7).build();
    InputColumns columns = InputColumns.of(schema, List.of("id"), "t", "v");
    assertEquals(7.0, columns.value(row), 0);
    assertEquals(List.of("a"), columns.id(row).getValues());
    return columns.epochMillis(row);
  }

  @Test
  public void readsEveryTimestampTypeAsUtcMillis() {
    assertEquals(MILLIS, (long) read(FieldType.DATETIME, new org.joda.time.Instant(MILLIS)));
    assertEquals(MILLIS, (long) read(FieldType.INT64, MILLIS));
    assertEquals(MILLIS, (long) read(FieldType.logicalType(SqlTypes.TIMESTAMP), java.time.Instant.ofEpochMilli(MILLIS)));
    assertEquals(MILLIS, (long) read(FieldType.logicalType(SqlTypes.DATETIME), LocalDateTime.of(2024, 1, 1, 1, 0)));
    assertEquals(MILLIS - 3_600_000L, (long) read(FieldType.logicalType(SqlTypes.DATE), LocalDate.of(2024, 1, 1)));
    assertNull(read(FieldType.DATETIME, null));
  }

  @Test
  public void aMissingValueIsNaN() {
    Schema schema = Schema.builder().addStringField("id").addInt64Field("t").addNullableField("v", FieldType.DECIMAL).build();
    InputColumns columns = InputColumns.of(schema, List.of("id"), "t", "v");
    assertTrue(Double.isNaN(columns.value(Row.withSchema(schema).addValues("a", 0L, null).build())));
  }
}
