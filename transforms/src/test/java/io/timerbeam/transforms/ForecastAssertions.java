package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.Golden;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.Row;

/** Checks over collected output rows, for PAssert.satisfies. */
final class ForecastAssertions {
  private ForecastAssertions() {}

  /** The quantile columns (q10 ...), in schema order. */
  static List<String> quantileColumns(Schema schema) {
    return schema.getFieldNames().stream().filter(n -> n.matches("q\\d+(_\\d+)?")).collect(java.util.stream.Collectors.toList());
  }

  /**
   * Each series' rows as [quantile column][step] (a point forecaster's: [forecast_value][step],
   * its interval columns null), keyed by the string value of {@code idColumn}.
   */
  static Map<String, float[][]> bySeries(Iterable<Row> rows, String idColumn) {
    Map<String, TreeMap<Integer, Row>> steps = new HashMap<>();
    for (Row r : rows) {
      Row previous = steps.computeIfAbsent(String.valueOf(r.<Object>getValue(idColumn)), k -> new TreeMap<>())
          .put(r.getInt32(Columns.HORIZON_STEP), r);
      assertEquals("one row per series and step", null, previous);
    }
    Map<String, float[][]> out = new HashMap<>();
    steps.forEach((id, byStep) -> {
      List<String> quantiles = quantileColumns(byStep.firstEntry().getValue().getSchema());
      List<String> qs = quantiles.isEmpty() ? List.of(Columns.FORECAST_VALUE) : quantiles;
      float[][] f = new float[qs.size()][byStep.size()];
      int t = 0;
      for (Map.Entry<Integer, Row> e : byStep.entrySet()) {
        assertEquals("steps run 1..H", t + 1, (int) e.getKey());
        for (int q = 0; q < qs.size(); q++) {
          f[q][t] = (float) e.getValue().getDouble(qs.get(q)).doubleValue();
        }
        if (quantiles.isEmpty()) {
          assertEquals("a point forecast has no interval", null, e.getValue().getValue(Columns.LOWER_BOUND));
          assertEquals("a point forecast has no confidence level", null, e.getValue().getValue(Columns.CONFIDENCE_LEVEL));
        }
        t++;
      }
      out.put(id, f);
    });
    return out;
  }

  /** Every expected series is there with the expected forecast (golden measure), and no other. */
  static SerializableFunction<Iterable<Row>, Void> matches(
      HashMap<String, double[][]> expected, String idColumn, double tolerance) {
    return rows -> {
      Map<String, float[][]> actual = bySeries(rows, idColumn);
      assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()));
      expected.forEach((id, golden) -> {
        float[][] got = actual.get(id);
        assertEquals(id + " horizon", golden[0].length, got[0].length);
        double error = Golden.relativeError(got, golden);
        assertTrue(id + " relative error " + error, error <= tolerance);
      });
      return null;
    };
  }

  /** Failure rows as "id:code" strings. */
  static SerializableFunction<Iterable<Row>, Void> failuresAre(TreeSet<String> expected, String idColumn) {
    return rows -> {
      TreeSet<String> actual = new TreeSet<>();
      for (Row r : rows) {
        actual.add(r.getValue(idColumn) + ":" + r.getString(Columns.ERROR_CODE));
        assertTrue("message for " + r, !r.getString(Columns.ERROR_MESSAGE).isEmpty());
      }
      assertEquals(expected, actual);
      return null;
    };
  }
}
