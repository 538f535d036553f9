package io.timerbeam.cli;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.timerbeam.model.Fixtures;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code timers1 detect} end to end: anomaly rows in DuckDB, failures, a summary whose counts reconcile. */
public class DetectCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private Path input() throws Exception {
    // lonely: one point, so no frequency: the series fails with its one target point.
    return SampleSeries.csv(tmp.getRoot().toPath(), List.of("AirPassengers", "co2"), "lonely,2020-01-01,5");
  }

  @Test
  public void seasonalNaiveRowsAndCountsReconcile() throws Exception {
    Path db = tmp.getRoot().toPath().resolve("anomalies.duckdb");
    Path failures = tmp.getRoot().toPath().resolve("failures.csv");
    CliRun run = CliRun.of("detect", "--input", input().toString(), "--target-last", "24", "--model", "seasonal-naive",
        "--output", db.toString(), "--failures", failures.toString());
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("series: 3 in"));
    assertThat(run.out, containsString("target points: 49 in, 48 scored, 1 failed;"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
      ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT unique_id), min(model_id), "
          + "count(*) FILTER (WHERE lower_bound <= upper_bound AND anomaly_probability BETWEEN 0 AND 1 "
          + "AND is_anomaly = (anomaly_probability > 0.95)), sum(CASE WHEN is_anomaly THEN 1 ELSE 0 END) FROM anomalies");
      assertTrue(r.next());
      assertEquals(48, r.getLong(1));
      assertEquals(2, r.getLong(2));
      assertEquals("seasonal_naive", r.getString(3));
      assertEquals(48, r.getLong(4));
      assertThat(run.out, containsString("; " + r.getLong(5) + " anomalies"));
      ResultSet last = s.executeQuery("SELECT max(ds), min(ds) FROM anomalies WHERE unique_id = 'AirPassengers'");
      assertTrue(last.next());
      assertEquals("1960-12-01", last.getString(1).substring(0, 10));
      assertEquals("1959-01-01", last.getString(2).substring(0, 10));
    }
    assertThat(Files.readString(failures), containsString("lonely"));
  }

  @Test
  public void aModelScoresTheTargetSinceATime() throws Exception {
    Path csv = tmp.getRoot().toPath().resolve("out.csv");
    CliRun run = CliRun.of("detect", "--input", input().toString(), "--target-since", "1997-07-01", "--horizon", "4",
        "--model", Fixtures.checkpoint(Fixtures.TINY).toString(), "--output", csv.toString(),
        "--failures", tmp.getRoot().toPath().resolve("failures.csv").toString());
    assertEquals(run.toString(), 0, run.exitCode);
    // co2's 1997-07..12 (6 points), the lonely series' one (failed); AirPassengers ends in 1960.
    assertThat(run.out, containsString("target points: 7 in, 6 scored, 1 failed;"));
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertEquals(7, lines.size());
    assertThat(lines.get(0), containsString("unique_id,ds,y,is_anomaly,lower_bound,upper_bound,anomaly_probability,bounds_extrapolated,model_id"));
  }

  /**
   * Timer-XL has no quantiles: detect gives it conformal bands by default, from 10 windows of 4
   * months before each series' 8-month target, and says what that cost; the JSON summary holds
   * the same counts.
   */
  @Test
  public void aPointForecasterGetsConformalBandsAndTheSummarySaysWhatTheyCost() throws Exception {
    Path csv = tmp.getRoot().toPath().resolve("out.csv");
    Path json = tmp.getRoot().toPath().resolve("summary.json");
    CliRun run = CliRun.of("detect", "--input", input().toString(), "--target-last", "8", "--horizon", "4",
        "--model", Fixtures.timerXl(Fixtures.TINY).toString(), "--output", csv.toString(), "--summary-json", json.toString(),
        "--failures", tmp.getRoot().toPath().resolve("failures.csv").toString());
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("target points: 17 in, 16 scored, 1 failed;"));
    assertThat(run.out, containsString("bands: conformal (10 calibration windows per series); windows forecast: 4 target + 20 calibration; engine calls: "));
    JsonObject summary = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    assertEquals(17, summary.get("target_points_in").getAsLong());
    assertEquals(16, summary.get("target_points_scored").getAsLong());
    assertEquals(1, summary.get("target_points_failed").getAsLong());
    assertEquals("conformal", summary.get("bands").getAsString());
    assertEquals(20, summary.get("calibration_windows").getAsLong());
    assertEquals(4, summary.get("target_windows").getAsLong());
    long calls = summary.get("engine_calls").getAsLong();
    assertTrue(calls + " engine calls for 24 windows", calls >= 1 && calls <= 24);
    assertThat(run.out, containsString("engine calls: " + calls + "\n"));
    assertEquals(17, Files.readAllLines(csv, StandardCharsets.UTF_8).size()); // the header and 16 rows
    CliRun quantiles = CliRun.of("detect", "--input", input().toString(), "--target-last", "8",
        "--model", Fixtures.timerXl(Fixtures.TINY).toString(), "--calibration", "quantiles");
    assertEquals(quantiles.toString(), 2, quantiles.exitCode);
    assertThat(quantiles.err, containsString("gives point forecasts only (Timer-XL); use --calibration conformal"));
  }

  /** A spike of 40 standard deviations in a seasonal series is drawn as a red dot on it. */
  @Test
  public void thePlotMarksTheAnomaliesOnTheSeries() throws Exception {
    List<String> lines = new ArrayList<>(List.of("unique_id,ds,y"));
    for (int m = 0; m < 120; m++) {
      double y = 100 + 10 * Math.sin(2 * Math.PI * m / 12) + Math.sin(m * 12.9898) + (m == 114 ? 40 : 0);
      lines.add(String.format(java.util.Locale.ROOT, "spiky,%d-%02d-01,%.4f", 2010 + m / 12, m % 12 + 1, y));
    }
    Path csv = tmp.getRoot().toPath().resolve("spiky.csv");
    Files.write(csv, lines, StandardCharsets.UTF_8);
    Path png = tmp.getRoot().toPath().resolve("anomalies.png");
    CliRun run = CliRun.of("detect", "--input", csv.toString(), "--target-last", "12", "--model", "seasonal-naive",
        "--calibration", "conformal", "--calibration-windows", "4", "--plot", png.toString(), "--output", tmp.getRoot().toPath().resolve("a.csv").toString(),
        "--failures", tmp.getRoot().toPath().resolve("failures.csv").toString());
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("plot: " + png));
    assertThat(run.out, containsString("engine calls: 0"));
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(640, image.getWidth());
    int red = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        red += image.getRGB(x, y) == (0xff000000 | 0xd01010) ? 1 : 0;
      }
    }
    assertTrue(red + " anomaly-red pixels", red >= 20); // at least one dot of 8 px
    Files.copy(png, Path.of("target", "detect-plot-sample.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  public void aTargetIsRequired() throws Exception {
    CliRun run = CliRun.of("detect", "--input", input().toString(), "--model", "seasonal-naive");
    assertEquals(run.toString(), 2, run.exitCode);
    assertThat(run.err, containsString("--target-last N or --target-since TIME"));
  }
}
