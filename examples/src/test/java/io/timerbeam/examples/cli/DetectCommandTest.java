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
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code timers1 detect} end to end: anomaly rows in DuckDB, failures, a summary whose counts reconcile. */
public class DetectCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private Path input() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("unique_id,ds,y");
    for (String line : Files.readAllLines(Path.of("data/r-datasets.csv"), StandardCharsets.UTF_8)) {
      if (line.startsWith("AirPassengers,") || line.startsWith("co2,")) {
        lines.add(line);
      }
    }
    lines.add("lonely,2020-01-01,5"); // one point: no frequency, the series fails with its one target point
    Path csv = tmp.getRoot().toPath().resolve("input.csv");
    Files.write(csv, lines, StandardCharsets.UTF_8);
    return csv;
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

  @Test
  public void aTargetIsRequired() throws Exception {
    CliRun run = CliRun.of("detect", "--input", input().toString(), "--model", "seasonal-naive");
    assertEquals(run.toString(), 2, run.exitCode);
    assertThat(run.err, containsString("--target-last N or --target-since TIME"));
  }
}
