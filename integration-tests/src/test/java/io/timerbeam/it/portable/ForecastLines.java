package io.timerbeam.it.portable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Forecast rows read back from {@link RowLines}: keyed by their non-double columns (ids,
 * timestamps, step, model id), with their double columns (quantiles, bounds, level) as values.
 */
final class ForecastLines {
  private ForecastLines() {}

  static Map<String, double[]> byKey(List<String[]> lines, Schema schema) {
    Map<String, double[]> rows = new TreeMap<>();
    for (String[] line : lines) {
      StringBuilder key = new StringBuilder();
      List<Double> values = new ArrayList<>();
      for (int i = 0; i < line.length; i++) {
        if (isDouble(schema.getField(i))) {
          values.add(line[i].equals("null") ? Double.NaN : Double.parseDouble(line[i]));
        } else {
          key.append(line[i]).append('\t');
        }
      }
      if (rows.put(key.toString(), values.stream().mapToDouble(Double::doubleValue).toArray()) != null) {
        throw new AssertionError("forecast row twice: " + key);
      }
    }
    return rows;
  }

  /** max |a - b| / max(1, |b|) over every double of rows of the same key; NaN (null) must match NaN. */
  static double maxRelativeDifference(Map<String, double[]> actual, Map<String, double[]> expected) {
    double worst = 0;
    for (Map.Entry<String, double[]> row : expected.entrySet()) {
      double[] a = actual.get(row.getKey());
      double[] b = row.getValue();
      for (int i = 0; i < b.length; i++) {
        if (Double.isNaN(a[i]) != Double.isNaN(b[i])) {
          return Double.POSITIVE_INFINITY;
        }
        if (!Double.isNaN(b[i])) {
          worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
        }
      }
    }
    return worst;
  }

  /** The series' rows' doubles in step order (keys sort by forecast timestamp within a series). */
  static List<double[]> series(Map<String, double[]> rows, String id) {
    List<double[]> steps = new ArrayList<>();
    rows.forEach((key, values) -> {
      if (key.startsWith(id + "\t")) {
        steps.add(values);
      }
    });
    return steps;
  }

  /** The distinct series ids (first column) of the rows. */
  static Set<String> ids(List<String[]> lines, Schema schema) {
    Set<String> ids = new TreeSet<>();
    for (String[] line : lines) {
      ids.add(line[schema.indexOf(MixedObservations.SERIES_ID)]);
    }
    return ids;
  }

  /** Where column {@code name} sits among the double columns. */
  static int doubleIndex(Schema schema, String name) {
    int index = 0;
    for (Schema.Field field : schema.getFields()) {
      if (field.getName().equals(name)) {
        return index;
      }
      if (isDouble(field)) {
        index++;
      }
    }
    throw new IllegalArgumentException("no column " + name + " in " + schema);
  }

  private static boolean isDouble(Schema.Field field) {
    return field.getType().getTypeName() == Schema.TypeName.DOUBLE;
  }
}
