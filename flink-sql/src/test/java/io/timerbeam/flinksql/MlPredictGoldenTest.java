package io.timerbeam.flinksql;

import static org.apache.flink.table.api.DataTypes.ARRAY;
import static org.apache.flink.table.api.DataTypes.DOUBLE;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.STRING;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.ForecastModel;
import io.timerbeam.model.ForecastModels;
import io.timerbeam.model.Golden;
import io.timerbeam.model.output.QuantileLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.junit.Test;

/**
 * ML_PREDICT with provider 'timer' in batch mode on Flink 2.3's embedded cluster: every golden case
 * of the Timer-S1 and Timer-XL tiny fixtures (one model per fixture at the longest horizon: the
 * forecasts are prefix-stable, so each case is cut back to its own horizon) within
 * {@link Golden#TOLERANCE}, the rows the Beam transform writes for the same contexts (recomputed
 * here with model/ directly, through the same scaling and quantile layout), and histories that
 * cannot be forecast each on one row with its reason.
 */
public class MlPredictGoldenTest {
  private static final String[] S1_OUTPUT = {"horizon_step INT", "forecast_value DOUBLE", "q10 DOUBLE", "q20 DOUBLE", "q30 DOUBLE",
      "q40 DOUBLE", "q50 DOUBLE", "q60 DOUBLE", "q70 DOUBLE", "q80 DOUBLE", "q90 DOUBLE", "prediction_interval_lower_bound DOUBLE",
      "prediction_interval_upper_bound DOUBLE", "confidence_level DOUBLE", "model_id STRING", "error_code STRING", "error_message STRING"};
  private static final String[] XL_OUTPUT = {"horizon_step INT", "forecast_value DOUBLE", "prediction_interval_lower_bound DOUBLE",
      "prediction_interval_upper_bound DOUBLE", "confidence_level DOUBLE", "model_id STRING", "error_code STRING", "error_message STRING"};

  @Test
  public void timerS1GoldenCasesAndProblems() throws Exception {
    Path fixture = Fixtures.checkpoint(Fixtures.TINY);
    List<Golden.Case> cases = Golden.cases(fixture);
    List<Row> input = histories(cases);
    // Arrays of nulls, empty and NULL arrays, infinities are written in SQL: fromValues cannot type or print them.
    String problems = "SELECT 'problem_all_missing', ARRAY[CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE), CAST(NULL AS DOUBLE)]"
        + " UNION ALL SELECT 'problem_empty', ARRAY_REMOVE(ARRAY[CAST(1.0 AS DOUBLE)], CAST(1.0 AS DOUBLE))"
        + " UNION ALL SELECT 'problem_null', CAST(NULL AS ARRAY<DOUBLE>)"
        + " UNION ALL SELECT 'problem_infinite', ARRAY[CAST(1.0 AS DOUBLE), CAST('Infinity' AS DOUBLE), CAST(2.0 AS DOUBLE)]";
    Map<String, List<Row>> out = predict(fixture, S1_OUTPUT, maxHorizon(cases), input, problems);

    try (ForecastModel model = ForecastModels.load(fixture, EngineOptions.defaults())) {
      QuantileLayout layout = new QuantileLayout(model.quantileLevels(), new double[] {0.8}, "confidence-level", true);
      String[] q = {"q10", "q20", "q30", "q40", "q50", "q60", "q70", "q80", "q90"};
      for (Golden.Case c : cases) {
        List<Row> rows = out.get(c.name);
        assertEquals(c.name + ": one row per step", maxHorizon(cases), rows.size());
        rows.sort(Comparator.comparing(r -> (Integer) r.getField("horizon_step")));
        float[][] actual = new float[q.length][c.horizon];
        double[][] sortedGolden = sortedPerStep(c.forecast);
        double[][] beam = TransformRows.of(model, layout, c.context, maxHorizon(cases));
        for (int h = 0; h < rows.size(); h++) {
          Row row = rows.get(h);
          assertEquals(h + 1, row.getField("horizon_step"));
          assertNull(c.name + " " + row.getField("error_message"), row.getField("error_code"));
          assertEquals(model.modelId(), row.getField("model_id"));
          for (int j = 0; j < q.length; j++) {
            double v = (Double) row.getField(q[j]);
            if (h < c.horizon) {
              actual[j][h] = (float) v;
            }
            assertEquals(c.name + " step " + (h + 1) + " " + q[j] + " against the transform's row", beam[h][j], v,
                Golden.TOLERANCE * Math.max(1, Math.abs(beam[h][j])));
          }
          assertEquals(row.getField("q50"), row.getField("forecast_value"));
          assertEquals(row.getField("q10"), row.getField("prediction_interval_lower_bound"));
          assertEquals(row.getField("q90"), row.getField("prediction_interval_upper_bound"));
          assertEquals(0.8, (Double) row.getField("confidence_level"), 0);
        }
        double err = Golden.relativeError(actual, sortedGolden);
        System.out.printf("ML_PREDICT timer-s1/%s: relative error %.3g%n", c.name, err);
        assertTrue(c.name + " relative error " + err, err <= Golden.TOLERANCE);
      }
    }
    assertProblem(out, "problem_all_missing", "all 3 points are missing");
    assertProblem(out, "problem_empty", "empty series");
    assertProblem(out, "problem_null", "the history is NULL");
    assertProblem(out, "problem_infinite", "non-finite value Infinity at position 1");
    assertEquals("every history forecast or failed, none lost", input.size() + 4, out.size());
  }

  @Test
  public void timerXlGoldenCases() throws Exception {
    Path fixture = Fixtures.timerXl(Fixtures.TINY);
    List<Golden.Case> cases = Golden.cases(fixture);
    Map<String, List<Row>> out = predict(fixture, XL_OUTPUT, maxHorizon(cases), histories(cases), null);
    assertEquals(cases.size(), out.size());
    for (Golden.Case c : cases) {
      List<Row> rows = out.get(c.name);
      assertEquals(c.name + ": one row per step", maxHorizon(cases), rows.size());
      rows.sort(Comparator.comparing(r -> (Integer) r.getField("horizon_step")));
      float[][] actual = new float[1][c.horizon];
      for (int h = 0; h < rows.size(); h++) {
        Row row = rows.get(h);
        assertNull(c.name + " " + row.getField("error_message"), row.getField("error_code"));
        if (h < c.horizon) {
          actual[0][h] = (float) (double) (Double) row.getField("forecast_value");
        }
        // A point forecaster has no band: the interval columns stay, null, as in the transform's rows.
        assertNull(row.getField("prediction_interval_lower_bound"));
        assertNull(row.getField("confidence_level"));
      }
      double err = Golden.relativeError(actual, c.forecast);
      System.out.printf("ML_PREDICT timer-xl/%s: relative error %.3g%n", c.name, err);
      assertTrue(c.name + " relative error " + err, err <= Golden.TOLERANCE);
    }
  }

  /** ML_PREDICT over {@code input} (name, history) and the rows of the query {@code moreSql}, if any: rows grouped by name. */
  private static Map<String, List<Row>> predict(Path fixture, String[] output, int horizon, List<Row> input, String moreSql)
      throws Exception {
    TableEnvironment env = FlinkSql.batch();
    env.getConfig().set("table.exec.async-ml-predict.max-concurrent-operations", "16");
    env.createTemporaryView("given", env.fromValues(ROW(FIELD("name", STRING()), FIELD("history", ARRAY(DOUBLE()))), input));
    env.executeSql("CREATE TEMPORARY VIEW cases AS SELECT * FROM given" + (moreSql == null ? "" : " UNION ALL " + moreSql));
    env.executeSql("CREATE MODEL m INPUT (history ARRAY<DOUBLE>) OUTPUT (" + String.join(", ", output) + ") WITH ("
        + "'provider' = 'timer', 'model.path' = '" + fixture + "', 'horizon' = '" + horizon + "', 'batch-size' = '8', 'max-wait' = '50 ms')");
    return FlinkSql.byKey(FlinkSql.collect(env, "SELECT * FROM ML_PREDICT(TABLE cases, MODEL m, DESCRIPTOR(history))"), "name");
  }

  private static List<Row> histories(List<Golden.Case> cases) {
    List<Row> rows = new ArrayList<>();
    for (Golden.Case c : cases) {
      rows.add(Row.of(c.name, Arrays.stream(c.context).mapToObj(v -> Double.isNaN(v) ? null : v).toArray(Double[]::new)));
    }
    return rows;
  }

  private static int maxHorizon(List<Golden.Case> cases) {
    return cases.stream().mapToInt(c -> c.horizon).max().orElseThrow();
  }

  /** The golden [row][step] with each step's values ascending: the contract's quantile columns are sorted per step. */
  private static double[][] sortedPerStep(double[][] golden) {
    double[][] sorted = new double[golden.length][golden[0].length];
    for (int t = 0; t < golden[0].length; t++) {
      double[] step = new double[golden.length];
      for (int j = 0; j < golden.length; j++) {
        step[j] = golden[j][t];
      }
      Arrays.sort(step);
      for (int j = 0; j < golden.length; j++) {
        sorted[j][t] = step[j];
      }
    }
    return sorted;
  }

  private static void assertProblem(Map<String, List<Row>> out, String name, String reason) {
    List<Row> rows = out.get(name);
    assertEquals(name + ": one row with its reason", 1, rows.size());
    Row row = rows.get(0);
    assertEquals(name, "invalid_values", row.getField("error_code"));
    String message = (String) row.getField("error_message");
    assertTrue(name + ": " + message, message.contains(reason));
    assertNull(row.getField("horizon_step"));
    assertNull(row.getField("forecast_value"));
  }
}
