package io.timerbeam.examples.cli;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    List<String> lines = new ArrayList<>();
    lines.add("unique_id,ds,y");
    for (String line : Files.readAllLines(Path.of("data/r-datasets.csv"), StandardCharsets.UTF_8)) {
      if (series.stream().anyMatch(s -> line.startsWith(s + ","))) {
        lines.add(line);
      }
    }
    lines.addAll(extraLines);
    Path csv = tmp.getRoot().toPath().resolve("input.csv");
    Files.write(csv, lines, StandardCharsets.UTF_8);
    return csv;
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
}
