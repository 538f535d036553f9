package io.timerbeam.cli.job;

import java.util.List;
import org.apache.beam.sdk.values.Row;

/** A series' id columns as one readable string ({@code store=3/sku=A}; just the value for one column). */
final class SeriesIds {
  private SeriesIds() {}

  static String of(Row row, List<String> idColumns) {
    if (idColumns.size() == 1) {
      return String.valueOf((Object) row.getValue(idColumns.get(0)));
    }
    StringBuilder id = new StringBuilder();
    for (String column : idColumns) {
      if (id.length() > 0) {
        id.append('/');
      }
      id.append(column).append('=').append((Object) row.getValue(column));
    }
    return id.toString();
  }
}
