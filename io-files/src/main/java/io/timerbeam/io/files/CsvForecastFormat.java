package io.timerbeam.io.files;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * Forecast rows as RFC 4180 CSV: a header of the schema's column names, DATETIME as ISO-8601 UTC
 * ({@code 2024-03-31T00:00:00.000Z}, {@code +10000-01-01T00:00:00.000Z}), doubles as {@link CsvNumbers} writes them, null as empty.
 */
final class CsvForecastFormat {
  /** {@code uuuu} signs a year past 9999 ({@code +10000-...}) as ISO-8601 requires; Joda's own text leaves the sign out. */
  private static final DateTimeFormatter UTC_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private CsvForecastFormat() {}

  static String header(Schema schema) {
    return CsvText.record(schema.getFieldNames());
  }

  static String line(Row row) {
    List<Object> values = new ArrayList<>(row.getFieldCount());
    for (int i = 0; i < row.getFieldCount(); i++) {
      Object value = row.getValue(i);
      values.add(value == null ? null
          : value instanceof Double ? CsvNumbers.format((Double) value)
          : value instanceof ReadableInstant ? UTC_MILLIS.format(java.time.Instant.ofEpochMilli(((ReadableInstant) value).getMillis()))
          : value.toString());
    }
    return CsvText.record(values);
  }
}
