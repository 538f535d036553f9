package io.timerbeam.flinksql;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.ForecastModel;
import io.timerbeam.model.ForecastModels;
import io.timerbeam.model.Golden;
import io.timerbeam.model.output.QuantileLayout;
import io.timerbeam.model.series.GridAssembler;
import io.timerbeam.model.series.SeriesPoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Runs README-flink-sql.md's statements as they are written (one source: the README), from a CSV
 * table to a forecast table, with the paths replaced by temporary ones and the model by the tiny
 * Timer-S1 fixture. Series: two clean daily ones (one with a gap), their points shuffled; one with a
 * duplicate timestamp; one too short. Each clean one gets the transform's rows (assembled by the
 * same GridAssembler, values recomputed with model/ directly), each other one its reason.
 */
public class ReadmeStatementsTest {
  private static final int HORIZON = 12;
  private static final LocalDateTime START = LocalDateTime.of(2024, 1, 1, 0, 0);

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  static List<String> readmeStatements() throws Exception {
    String readme = Files.readString(Path.of("README-flink-sql.md"), StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("```sql\n(.*?)```", Pattern.DOTALL).matcher(readme);
    List<String> statements = new ArrayList<>();
    while (block.find()) {
      StringBuilder sql = new StringBuilder();
      for (String line : block.group(1).split("\n")) {
        sql.append(line.replaceAll("\\s*--.*$", "")).append('\n'); // the README's SQL has no "--" inside a string
      }
      for (String statement : sql.toString().split(";\\s*\n")) {
        if (!statement.isBlank()) {
          statements.add(statement.trim());
        }
      }
    }
    return statements;
  }

  @Test
  public void readmeForecastsACsvTableIntoAForecastTable() throws Exception {
    Map<String, List<double[]>> clean = new java.util.TreeMap<>();
    List<String> lines = new ArrayList<>();
    Random random = new Random(7);
    for (String id : List.of("clean_a", "clean_gap")) {
      List<double[]> points = new ArrayList<>();
      for (int day = 0; day < 60; day++) {
        if (id.equals("clean_gap") && (day == 20 || day == 21)) {
          continue;
        }
        points.add(new double[] {day, 100 + 10 * Math.sin(day / 3.0) + random.nextGaussian()});
      }
      clean.put(id, points);
      for (double[] p : points) {
        lines.add(line(id, (int) p[0], p[1]));
      }
    }
    for (int day = 0; day < 30; day++) {
      lines.add(line("duplicated", day, day));
    }
    lines.add(line("duplicated", 10, 3.5));
    lines.add(line("too_short", 0, 1.0));
    lines.add(line("too_short", 1, 2.0));
    Collections.shuffle(lines, random);
    Path csv = tmp.newFile("observations.csv").toPath();
    Files.write(csv, lines, StandardCharsets.UTF_8);
    Path model = Fixtures.checkpoint(Fixtures.TINY);
    Path forecastDir = tmp.newFolder("forecasts").toPath();

    TableEnvironment env = FlinkSql.batch();
    List<String> statements = readmeStatements();
    assertEquals("README statements: two tables, the view, the model, the INSERT", 5, statements.size());
    for (String statement : statements) {
      TableResult result = env.executeSql(statement.replace("/data/observations.csv", csv.toString())
          .replace("/models/Timer-S1", model.toString()).replace("/data/forecasts", forecastDir.toString()));
      if (statement.startsWith("INSERT")) {
        result.await();
      }
    }

    Map<String, List<Row>> out = FlinkSql.byKey(FlinkSql.collect(env, "SELECT * FROM forecasts"), "unique_id");
    assertEquals("every series forecast or failed", List.of("clean_a", "clean_gap", "duplicated", "too_short"), new ArrayList<>(out.keySet()));
    assertFailure(out.get("duplicated"), "duplicate_timestamp", "2 points at 2024-01-11T00:00:00Z");
    assertFailure(out.get("too_short"), "too_few_observations", "2 observed point(s)");

    try (ForecastModel engine = ForecastModels.load(model, EngineOptions.defaults())) {
      QuantileLayout layout = new QuantileLayout(engine.quantileLevels(), new double[] {0.8}, "confidence-level", true);
      GridAssembler assembler = new GridAssembler(null, ZoneOffset.UTC, null, null, 3, EngineOptions.DEFAULT_MAX_CONTEXT, HORIZON);
      for (Map.Entry<String, List<double[]>> series : clean.entrySet()) {
        SeriesPoints points = new SeriesPoints(EngineOptions.DEFAULT_MAX_CONTEXT);
        for (double[] p : series.getValue()) {
          points.add(START.plusDays((long) p[0]).toInstant(ZoneOffset.UTC).toEpochMilli(), p[1]);
        }
        double[] context = assembler.assemble(points).values();
        assertEquals(series.getKey() + ": the gap is two missing days", 60, context.length);
        double[][] expected = TransformRows.of(engine, layout, context, HORIZON);
        List<Row> rows = out.get(series.getKey());
        rows.sort(java.util.Comparator.comparing(r -> (Integer) r.getField("horizon_step")));
        assertEquals(series.getKey(), HORIZON, rows.size());
        for (int h = 0; h < HORIZON; h++) {
          Row row = rows.get(h);
          assertNull(series.getKey() + ": " + row.getField("error_message"), row.getField("error_code"));
          assertEquals(h + 1, row.getField("horizon_step"));
          assertEquals(START.plusDays(60 + h), row.getField("forecast_timestamp"));
          assertEquals(START.plusDays(59), row.getField("context_end_timestamp"));
          assertEquals(engine.modelId(), row.getField("model_id"));
          for (int j = 0; j < expected[h].length; j++) {
            String column = layout.columnName(j);
            // The CSV sink writes doubles in Java's shortest form, which reads back exactly.
            assertEquals(series.getKey() + " " + column + " step " + (h + 1), expected[h][j], (Double) row.getField(column),
                Golden.TOLERANCE * Math.max(1, Math.abs(expected[h][j])));
          }
          assertEquals(row.getField("q10"), row.getField("prediction_interval_lower_bound"));
          assertEquals(row.getField("q90"), row.getField("prediction_interval_upper_bound"));
        }
      }
    }
  }

  private static String line(String id, int day, double y) {
    return id + "," + START.plusDays(day).toString().replace('T', ' ') + ":00," + y;
  }

  private static void assertFailure(List<Row> rows, String code, String reason) {
    assertEquals("one row with the reason", 1, rows.size());
    assertEquals(code, rows.get(0).getField("error_code"));
    String message = (String) rows.get(0).getField("error_message");
    assertTrue(message, message.contains(reason));
    assertNull(rows.get(0).getField("horizon_step"));
  }
}
