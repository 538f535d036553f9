package io.timerbeam.cli;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.Fixtures;
import io.timerbeam.model.ForecastModel;
import io.timerbeam.model.ForecastModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code forecast --model <Timer-XL folder>} end to end: a point forecaster writes forecast_value
 * equal to the engine's, no quantile columns, and null interval columns, to CSV and DuckDB alike.
 */
public class TimerXlForecastCommandTest {
  private static final int HORIZON = 12;
  /** Relative to max(1, max |engine|) per series: the pipeline runs the same engine in float32. */
  private static final double TOLERANCE = 1e-4;
  private static final String[] SERIES = {"AirPassengers", "Nile"};
  private static final List<String> INTERVAL_COLUMNS =
      List.of("prediction_interval_lower_bound", "prediction_interval_upper_bound", "confidence_level");

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private SampleSeries sample;

  private Path input() throws Exception {
    sample = SampleSeries.write(tmp.getRoot().toPath(), SERIES);
    return sample.csv;
  }

  /** What the engine forecasts for each series' whole history: [series] -> [step]. */
  private Map<String, float[]> engineForecasts() throws Exception {
    Map<String, float[]> expected = new TreeMap<>();
    try (ForecastModel model = ForecastModels.load(Fixtures.timerXl(Fixtures.TINY))) {
      for (Map.Entry<String, double[]> e : sample.history.entrySet()) {
        float[][][] out = model.forecast(List.of(e.getValue()), HORIZON);
        assertEquals("a point forecaster gives one row", 1, out[0].length);
        expected.put(e.getKey(), out[0][0]);
      }
    }
    return expected;
  }

  private CliRun forecast(Path input, Path output, String... more) {
    List<String> args = new ArrayList<>(List.of("forecast", "--input", input.toString(), "--output", output.toString(),
        "--horizon", String.valueOf(HORIZON), "--model", Fixtures.timerXl(Fixtures.TINY).toString(),
        "--failures", tmp.getRoot().toPath().resolve("failures.csv").toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(new String[0]));
  }

  @Test
  public void pointForecastsIntoCsvEqualTheEngines() throws Exception {
    Path input = input();
    Path png = tmp.getRoot().toPath().resolve("plot.png");
    CliRun run = forecast(input, tmp.getRoot().toPath().resolve("out.csv"), "--plot", png.toString());
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("series: 2 in, 2 forecast, 0 failed"));
    assertThat(run.out, containsString("forecast rows written: " + 2 * HORIZON));
    assertTrue("a readable PNG without a band", ImageIO.read(png.toFile()).getWidth() > 100);

    List<String> lines = Files.readAllLines(tmp.getRoot().toPath().resolve("out.csv"), StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split(","));
    assertFalse("no quantile columns: " + header, header.stream().anyMatch(c -> c.matches("q\\d+(_\\d+)?")));
    int id = header.indexOf("unique_id");
    int step = header.indexOf("horizon_step");
    int value = header.indexOf("forecast_value");
    Map<String, double[]> written = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      for (String empty : INTERVAL_COLUMNS) {
        assertEquals(empty + " is null (empty) in " + line, "", f[header.indexOf(empty)]);
      }
      written.computeIfAbsent(f[id], k -> new double[HORIZON])[Integer.parseInt(f[step]) - 1] = Double.parseDouble(f[value]);
    }
    assertEquals(2 * HORIZON, lines.size() - 1);
    assertMatchesEngine(written);
  }

  @Test
  public void pointForecastsIntoDuckDbEqualTheEnginesWithNullIntervals() throws Exception {
    Path input = input();
    Path db = tmp.getRoot().toPath().resolve("out.duckdb");
    CliRun run = forecast(input, db);
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("forecast rows written: " + 2 * HORIZON + " to " + db + " (table forecasts)"));
    Map<String, double[]> written = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT unique_id, horizon_step, forecast_value, " + String.join(", ", INTERVAL_COLUMNS) + " FROM forecasts")) {
      while (r.next()) {
        written.computeIfAbsent(r.getString(1), k -> new double[HORIZON])[r.getInt(2) - 1] = r.getDouble(3);
        for (int column = 4; column <= 6; column++) {
          assertNull(INTERVAL_COLUMNS.get(column - 4) + " is NULL", r.getObject(column));
        }
      }
    }
    assertMatchesEngine(written);
    // A rerun upserts into the table with its nullable columns: still one row per key.
    assertEquals(0, forecast(input, db).exitCode);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM forecasts")) {
      assertTrue(r.next());
      assertEquals(2 * HORIZON, r.getLong(1));
    }
  }

  private void assertMatchesEngine(Map<String, double[]> written) throws Exception {
    Map<String, float[]> expected = engineForecasts();
    assertEquals(expected.keySet(), written.keySet());
    for (Map.Entry<String, float[]> e : expected.entrySet()) {
      double scale = 1;
      for (float v : e.getValue()) {
        scale = Math.max(scale, Math.abs(v));
      }
      double[] got = written.get(e.getKey());
      for (int h = 0; h < HORIZON; h++) {
        assertEquals(e.getKey() + " step " + (h + 1), e.getValue()[h], got[h], TOLERANCE * scale);
      }
    }
  }
}
