package io.timerbeam.io.files;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Forecast rows as RFC 4180 CSV: a header of the schema's column names, DATETIME as ISO-8601 UTC
 * ({@code 2024-03-31T00:00:00.000Z}), doubles as {@link CsvNumbers} writes them, null as empty.
 */
final class CsvForecastFormat {
  private CsvForecastFormat() {}

  static String header(Schema schema) {
    return CsvText.record(schema.getFieldNames());
  }

  static String line(Row row) {
    List<Object> values = new ArrayList<>(row.getFieldCount());
    for (int i = 0; i < row.getFieldCount(); i++) {
      Object value = row.getValue(i);
      values.add(value == null ? null : value instanceof Double ? CsvNumbers.format((Double) value) : value.toString());
    }
    return CsvText.record(values);
  }
}
