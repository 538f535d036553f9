package io.timerbeam.cli;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.Fixtures;
import io.timerbeam.cli.plot.FanChart;
import io.timerbeam.cli.plot.FigureLegend;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code timers1 evaluate} end to end: metric rows in DuckDB, summary lines that agree with them, a published baseline. */
public class EvaluateCommandTest {
  /** The summary line prints 4 decimals. */
  private static final double PRINTED_PRECISION = 0.00005;
  /** The published table has 2 decimals. */
  private static final double PUBLISHED_PRECISION = 0.005;
  private static final Pattern SUMMARY = Pattern.compile(
      "summary model=(\\S+) series=(\\d+) windows=(\\d+) smape=(\\S+) mase=(\\S+) crps=(\\S+) coverage=(\\S+) "
          + "mase_relative=(\\S+) crps_relative=(\\S+)");

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private Path input(List<String> series, List<String> extraLines) throws Exception {
    return SampleSeries.csv(tmp.getRoot().toPath(), series, extraLines.toArray(String[]::new));
  }

  private static String model() {
    return Fixtures.checkpoint(Fixtures.TINY).toString();
  }

  /** Per model, the summary line's figures (4 decimals) are the means of the metric rows' columns. */
  @Test
  public void summaryLinesAreTheMeansOfTheMetricRows() throws Exception {
    Path db = tmp.getRoot().toPath().resolve("eval.duckdb");
    Path forecasts = tmp.getRoot().toPath().resolve("forecasts.duckdb");
    // "short" (10 monthly points) holds only the last of the 2 windows of 6 (the earlier one needs 13 points).
    List<String> shortSeries = new ArrayList<>();
    for (int m = 1; m <= 10; m++) {
      shortSeries.add(String.format(Locale.ROOT, "short,2020-%02d-01,%d", m, 10 + m % 3));
    }
    String[] args = {"evaluate", "--input", input(List.of("AirPassengers", "Nile", "UKgas"), shortSeries).toString(),
        "--output", db.toString(), "--forecasts-output", forecasts.toString(), "--horizon", "6", "--windows", "2",
        "--model", model(), "--failures", tmp.getRoot().toPath().resolve("failures.csv").toString()};
    CliRun run = CliRun.of(args);
    assertEquals(run.toString(), 0, run.exitCode);
    String[] out = run.out.strip().split("\n");
    Matcher baseline = SUMMARY.matcher(out[out.length - 1]);
    Matcher timer = SUMMARY.matcher(out[out.length - 2]);
    assertTrue(run.out, baseline.matches() && timer.matches());
    assertEquals("seasonal_naive", baseline.group(1));
    assertThat(timer.group(1), containsString("timer"));
    for (Matcher line : List.of(timer, baseline)) {
      String model = line.group(1);
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
        ResultSet counts = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE evaluate_status <> ''), "
            + "count(DISTINCT unique_id) FILTER (WHERE evaluate_status = '') FROM evaluation WHERE model = '" + model + "'");
        assertTrue(counts.next());
        assertEquals("4 series x 2 windows", 8, counts.getLong(1));
        assertEquals("short's first window", 1, counts.getLong(2));
        assertEquals(Long.parseLong(line.group(2)), counts.getLong(3));
        assertEquals(4, counts.getLong(3));
        assertEquals(7, Long.parseLong(line.group(3)));
        Map<String, Double> means = new HashMap<>();
        ResultSet avg = s.executeQuery("SELECT avg(smape), avg(mase), avg(crps), avg(coverage) FROM evaluation "
            + "WHERE model = '" + model + "' AND evaluate_status = ''");
        assertTrue(avg.next());
        means.put("smape", avg.getDouble(1));
        means.put("mase", avg.getDouble(2));
        means.put("crps", avg.getDouble(3));
        means.put("coverage", avg.wasNull() ? null : avg.getDouble(4));
        assertEquals(model, means.get("smape"), Double.parseDouble(line.group(4)), PRINTED_PRECISION);
        assertEquals(model, means.get("mase"), Double.parseDouble(line.group(5)), PRINTED_PRECISION);
        assertEquals(model, means.get("crps"), Double.parseDouble(line.group(6)), PRINTED_PRECISION);
        if (model.equals("seasonal_naive")) {
          assertEquals("null", line.group(7));
          assertEquals(1.0, Double.parseDouble(line.group(8)), PRINTED_PRECISION);
        } else {
          assertEquals(model, means.get("coverage"), Double.parseDouble(line.group(7)), PRINTED_PRECISION);
        }
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + forecasts); Statement s = c.createStatement()) {
      ResultSet r = s.executeQuery("SELECT count(*) FROM evaluation_forecasts");
      assertTrue(r.next());
      assertEquals("7 scored windows x 2 models x 6 steps", 7 * 2 * 6, r.getLong(1));
    }
    // A rerun upserts: still one row per (series, cutoff, model).
    CliRun rerun = CliRun.of(args);
    assertEquals(rerun.toString(), 0, rerun.exitCode);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
      ResultSet r = s.executeQuery("SELECT count(*) FROM evaluation");
      assertTrue(r.next());
      assertEquals(16, r.getLong(1));
    }
  }

  /** The series line reconciles (in = evaluated + failed + with no window scored), and --summary-json says the same. */
  @Test
  public void theSeriesLineAndTheSummaryJsonReconcile() throws Exception {
    List<String> extra = new ArrayList<>();
    for (int m = 1; m <= 5; m++) {
      extra.add(String.format(Locale.ROOT, "tiny,2020-%02d-01,%d", m, m)); // 5 points: no window of 6 fits
    }
    for (int m = 1; m <= 20; m++) {
      extra.add(String.format(Locale.ROOT, "dup,2020-%02d-01,%d", Math.max(1, m - 1), m)); // a duplicated month
    }
    Path json = tmp.getRoot().toPath().resolve("summary.json");
    CliRun run = CliRun.of("evaluate", "--input", input(List.of("AirPassengers", "Nile", "UKgas"), extra).toString(),
        "--output", tmp.getRoot().toPath().resolve("e.duckdb").toString(), "--horizon", "6", "--model", model(),
        "--failures", tmp.getRoot().toPath().resolve("failures.csv").toString(), "--summary-json", json.toString());
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("series: 5 in, 3 evaluated, 1 failed, 1 with no window scored\n"));
    com.google.gson.JsonObject summary = com.google.gson.JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    assertEquals(5, summary.get("series_in").getAsLong());
    assertEquals(3, summary.get("series_evaluated").getAsLong());
    assertEquals(1, summary.get("series_failed").getAsLong());
    assertEquals(1, summary.get("series_without_scored_window").getAsLong());
    com.google.gson.JsonObject baseline = summary.getAsJsonObject("models").getAsJsonObject("seasonal_naive");
    assertEquals(3, baseline.get("series").getAsLong());
    assertEquals(3, baseline.get("windows").getAsLong());
    assertEquals(2, summary.getAsJsonObject("models").size());
  }

  /**
   * The published seasonal-naive table of AirPassengers (train to 1958-12, H 24; see
   * transforms' PublishedBaselineTest for the source): test-set MAE 71.25, RMSE 76.99, MAPE 15.52.
   */
  @Test
  public void reproducesThePublishedSeasonalNaiveFiguresOfAirPassengers() throws Exception {
    Path db = tmp.getRoot().toPath().resolve("air.duckdb");
    CliRun run = CliRun.of("evaluate", "--input", input(List.of("AirPassengers"), List.of()).toString(),
        "--output", db.toString(), "--horizon", "24", "--model", model(),
        "--failures", tmp.getRoot().toPath().resolve("failures.csv").toString());
    assertEquals(run.toString(), 0, run.exitCode);
    String[] out = run.out.strip().split("\n");
    Matcher baseline = SUMMARY.matcher(out[out.length - 1]);
    assertTrue(run.out, baseline.matches());
    assertEquals("seasonal_naive", baseline.group(1));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
      ResultSet r = s.executeQuery("SELECT cutoff, mae, rmse, mape, mase, smape FROM evaluation WHERE model = 'seasonal_naive'");
      assertTrue(r.next());
      assertEquals("1958-12-01", r.getObject(1).toString().substring(0, 10));
      assertEquals(71.25, r.getDouble(2), PUBLISHED_PRECISION);
      assertEquals(76.99, r.getDouble(3), PUBLISHED_PRECISION);
      assertEquals(15.52, r.getDouble(4), PUBLISHED_PRECISION);
      // MASE = test MAE / training MAE (28.57, also published) = 2.49, derived; the line prints the row's figures.
      assertEquals(71.25 / 28.57, r.getDouble(5), 0.01);
      assertEquals(r.getDouble(5), Double.parseDouble(baseline.group(5)), PRINTED_PRECISION);
      assertEquals(r.getDouble(6), Double.parseDouble(baseline.group(4)), PRINTED_PRECISION);
      assertEquals("one window", false, r.next());
    }
  }

  /**
   * {@code --plot}: a PNG of the first 2 series by id (AirPassengers, Nile; not UKgas), one panel
   * each side by side, with the shading of the windows (amber over the white plot area).
   */
  @Test
  public void plotsTheFirstSeriesWithTheirWindowsShaded() throws Exception {
    Path png = Path.of("target", "evaluate-plot-sample.png").toAbsolutePath(); // kept so a person can look at it
    Files.deleteIfExists(png);
    CliRun run = CliRun.of("evaluate", "--input", input(List.of("AirPassengers", "Nile", "UKgas"), List.of()).toString(),
        "--output", tmp.getRoot().toPath().resolve("eval.csv").toString(), "--horizon", "6", "--windows", "2", "--step", "12",
        "--model", model(), "--failures", tmp.getRoot().toPath().resolve("failures.csv").toString(),
        "--plot", png.toString(), "--plot-series", "2");
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("plot: " + png));
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue("a readable PNG at " + png, image != null);
    assertEquals("two panels in a row", 2 * FanChart.PANEL_WIDTH, image.getWidth());
    assertEquals("no demo banner with real weights; the legend below", FanChart.PANEL_HEIGHT + FigureLegend.HEIGHT,
        image.getHeight());
    int[] shadedPerPanel = new int[2];
    Color shade = FanChart.WINDOW_SHADE;
    double a = shade.getAlpha() / 255.0;
    int[] onWhite = {(int) Math.round(255 * (1 - a) + shade.getRed() * a), (int) Math.round(255 * (1 - a) + shade.getGreen() * a),
        (int) Math.round(255 * (1 - a) + shade.getBlue() * a)};
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        if (Math.abs((p >> 16 & 0xff) - onWhite[0]) + Math.abs((p >> 8 & 0xff) - onWhite[1]) + Math.abs((p & 0xff) - onWhite[2]) <= 12) {
          shadedPerPanel[x / FanChart.PANEL_WIDTH]++;
        }
      }
    }
    // Each panel: two windows of 6 steps over most of the plot's height, thousands of pixels.
    assertTrue("shaded pixels per panel " + Arrays.toString(shadedPerPanel), shadedPerPanel[0] > 3000 && shadedPerPanel[1] > 3000);
  }
}
