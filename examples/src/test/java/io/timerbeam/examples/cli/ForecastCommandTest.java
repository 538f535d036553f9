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
import javax.imageio.ImageIO;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The main job end to end through the command line: sample data in, DuckDB out, failures reconciled, bad input named. */
public class ForecastCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** Three sample series, plus one too short to forecast and one line with a non-numeric value. */
  private Path input() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("unique_id,ds,y");
    for (String line : Files.readAllLines(Path.of("data/r-datasets.csv"), StandardCharsets.UTF_8)) {
      if (line.startsWith("AirPassengers,") || line.startsWith("Nile,") || line.startsWith("UKgas,")) {
        lines.add(line);
      }
    }
    lines.add("tiny,2020-01-01,1");
    lines.add("tiny,2020-02-01,2");
    lines.add("Nile,1800-01-01,abc");
    Path csv = tmp.getRoot().toPath().resolve("input.csv");
    Files.write(csv, lines, StandardCharsets.UTF_8);
    return csv;
  }

  @Test
  public void forecastsSampleSeriesIntoDuckDbAndReconciles() throws Exception {
    Path db = tmp.getRoot().toPath().resolve("out.duckdb");
    Path failures = tmp.getRoot().toPath().resolve("failures.csv");
    Path png = tmp.getRoot().toPath().resolve("plot.png");
    String model = Fixtures.checkpoint(Fixtures.TINY).toString();
    String[] args = {"forecast", "--input", input().toString(), "--output", db.toString(), "--horizon", "6",
        "--model", model, "--failures", failures.toString(), "--plot", png.toString()};
    CliRun run = CliRun.of(args);
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("series: 4 in, 3 forecast, 1 failed"));
    assertThat(run.out, containsString("failed too_few_observations: 1"));
    assertThat(run.out, containsString("input rows that could not be read: 1"));
    assertThat(run.out, containsString("forecast rows written: 18 to " + db + " (table forecasts)"));
    String failureText = Files.readString(failures);
    assertThat(failureText, containsString("forecast,tiny,too_few_observations,"));
    assertThat(failureText, containsString("read,"));
    assertThat(failureText, containsString("non-numeric value 'abc'"));
    assertEquals(3 * 6, countRows(db));
    java.awt.image.BufferedImage image = ImageIO.read(png.toFile());
    assertTrue("a readable PNG", image != null && image.getWidth() > 100 && image.getHeight() > 100);

    // A rerun with the same data upserts: still one row per key.
    CliRun rerun = CliRun.of(args);
    assertEquals(rerun.toString(), 0, rerun.exitCode);
    assertEquals(3 * 6, countRows(db));
  }

  private static long countRows(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT unique_id), min(horizon_step), max(horizon_step) FROM forecasts")) {
      assertTrue(r.next());
      assertEquals(3, r.getLong(2));
      assertEquals(1, r.getInt(3));
      assertEquals(6, r.getInt(4));
      return r.getLong(1);
    }
  }

  @Test
  public void missingValueColumnIsNamedWithTheFile() throws Exception {
    Path csv = tmp.getRoot().toPath().resolve("input.csv");
    Files.writeString(csv, "unique_id,ds,value\na,2020-01-01,1\n");
    CliRun run = CliRun.of("forecast", "--input", csv.toString(), "--model", Fixtures.checkpoint(Fixtures.TINY).toString(),
        "--output", tmp.getRoot().toPath().resolve("o.duckdb").toString(), "--failures", tmp.getRoot().toPath().resolve("f.csv").toString());
    assertEquals(run.toString(), 0, run.exitCode); // the job runs: the bad file lands in the failures, with a reason
    assertThat(run.out, containsString("series: 0 in, 0 forecast, 0 failed"));
    assertThat(Files.readString(tmp.getRoot().toPath().resolve("f.csv")), containsString("missing column(s) [y]"));
  }

  @Test
  public void modelFolderWithoutConfigIsOneClearLine() throws Exception {
    Path empty = tmp.newFolder("no-model").toPath();
    CliRun run = CliRun.of("forecast", "--input", input().toString(), "--model", empty.toString(),
        "--output", tmp.getRoot().toPath().resolve("o.duckdb").toString());
    assertEquals(run.toString(), 2, run.exitCode);
    assertThat(run.errorLine(), containsString("lacks config.json"));
  }

  @Test
  public void unknownInputFormatIsOneClearLine() throws Exception {
    CliRun run = CliRun.of("forecast", "--input", "observations.xlsx", "--model", Fixtures.checkpoint(Fixtures.TINY).toString());
    assertEquals(run.toString(), 2, run.exitCode);
    assertThat(run.errorLine(), containsString("--input observations.xlsx: cannot tell its format"));
    CliRun negative = CliRun.of("forecast", "--input", "x.csv", "--horizon", "-1", "--model", Fixtures.checkpoint(Fixtures.TINY).toString());
    assertEquals(2, negative.exitCode);
    assertThat(negative.errorLine(), containsString("--horizon must be positive, got -1"));
  }
}
