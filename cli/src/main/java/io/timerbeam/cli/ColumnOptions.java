package io.timerbeam.cli;

import io.timerbeam.transforms.Columns;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks {@code --id-column}, {@code --timestamp-column} and {@code --value-column} before any work:
 * each names a different column, and no id column takes a name the forecast rows or the failure
 * rows already use (Beam would fail deep inside with "Duplicate field ... added to schema").
 */
final class ColumnOptions {
  private ColumnOptions() {}

  static void check(List<String> idColumns, String timestampColumn, String valueColumn) {
    Set<String> seen = new HashSet<>();
    for (String id : idColumns) {
      if (!seen.add(id)) {
        throw new IllegalArgumentException("--id-column " + id + " is given twice");
      }
      if (Columns.isOutputColumn(id)) {
        throw new IllegalArgumentException("--id-column " + id + " clashes with the forecast column of that name; rename it in the input");
      }
    }
    if (seen.contains(timestampColumn)) {
      throw new IllegalArgumentException("--timestamp-column " + timestampColumn + " is also an --id-column");
    }
    if (seen.contains(valueColumn) || valueColumn.equals(timestampColumn)) {
      throw new IllegalArgumentException("--value-column " + valueColumn + " is also "
          + (valueColumn.equals(timestampColumn) ? "the --timestamp-column" : "an --id-column"));
    }
  }
}
