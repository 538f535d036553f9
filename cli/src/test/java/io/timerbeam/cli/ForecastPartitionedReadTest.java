package io.timerbeam.cli;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import io.timerbeam.cli.job.Locations;
import io.timerbeam.io.CsvObservationSource;
import io.timerbeam.io.ObservationSource;
import io.timerbeam.model.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code --partitions} and {@code --partition-column}: a database input read in parallel forecasts exactly as one query does. */
public class ForecastPartitionedReadTest {
  /**
   * Relative to max(1, |value|): the reads deliver series in another order, so batches differ and
   * float32 results move by an ulp (6e-8 relative seen), as the transform documents.
   */
  private static final double TOLERANCE = 1e-6;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** Three sample series in a DuckDB table {@code obs} (ds is a DATE). */
  private Path duckDbInput() throws Exception {
    Path csv = SampleSeries.csv(tmp.getRoot().toPath(), List.of("AirPassengers", "Nile", "UKgas"));
    Path db = tmp.getRoot().toPath().resolve("input.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE obs AS SELECT * FROM read_csv('" + csv + "')");
    }
    return db;
  }

  private List<String> forecast(Path input, String name, String... partitionOptions) throws Exception {
    Path out = tmp.getRoot().toPath().resolve(name + ".duckdb");
    List<String> args = new ArrayList<>(List.of("forecast", "--input", "duckdb:" + input + "#obs",
        "--output", out.toString(), "--horizon", "4", "--model", Fixtures.checkpoint(Fixtures.TINY).toString(),
        "--failures", tmp.getRoot().toPath().resolve(name + "-failures.csv").toString()));
    args.addAll(List.of(partitionOptions));
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("series: 3 in, 3 forecast, 0 failed"));
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + out);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(
            "SELECT unique_id, horizon_step, forecast_value FROM forecasts ORDER BY unique_id, horizon_step")) {
      while (r.next()) {
        rows.add(r.getString(1) + "|" + r.getInt(2) + "|" + r.getDouble(3));
      }
    }
    return rows;
  }

  @Test
  public void partitionedReadsForecastLikeOneQuery() throws Exception {
    Path input = duckDbInput();
    List<String> single = forecast(input, "single", "--partitions", "1");
    assertEquals(3 * 4, single.size());
    assertSame(single, forecast(input, "default", "--parallelism", "3")); // one query per worker
    assertSame(single, forecast(input, "hash", "--partitions", "3"));
    assertSame(single, forecast(input, "by-day", "--partitions", "4", "--partition-column", "ds"));
  }

  private static void assertSame(List<String> expected, List<String> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      String[] e = expected.get(i).split("\\|");
      String[] a = actual.get(i).split("\\|");
      assertEquals(e[0] + "|" + e[1], a[0] + "|" + a[1]);
      double want = Double.parseDouble(e[2]);
      assertEquals(expected.get(i), want, Double.parseDouble(a[2]), TOLERANCE * Math.max(1, Math.abs(want)));
    }
  }

  @Test
  public void byDefaultADatabaseIsReadWithOneQueryPerWorkerAndAFileAsItSplits() throws Exception {
    String duckDb = "duckdb:" + duckDbInput() + "#obs";
    assertEquals(3, partitionsOf(Locations.source(duckDb, null, null, 0, null, 3)));
    assertEquals(1, partitionsOf(Locations.source(duckDb, null, null, 1, null, 3)));
    assertEquals(5, partitionsOf(Locations.source(duckDb, null, null, 5, null, 3)));
    Path csv = tmp.getRoot().toPath().resolve("default.csv");
    Files.writeString(csv, "unique_id,ds,y\na,2020-01-01,1\n");
    assertEquals(CsvObservationSource.class, Locations.source(csv.toString(), null, null, 0, null, 3).getClass());
  }

  private static int partitionsOf(ObservationSource source) {
    for (DisplayData.Item item : DisplayData.from(source).items()) {
      if (item.getKey().equals("partitions")) {
        return ((Number) item.getValue()).intValue();
      }
    }
    throw new AssertionError("no partitions display item in " + DisplayData.from(source));
  }

  @Test
  public void partitionsOfAFileInputAreOneClearLine() throws Exception {
    Path csv = tmp.getRoot().toPath().resolve("in.csv");
    Files.writeString(csv, "unique_id,ds,y\na,2020-01-01,1\n");
    CliRun run = CliRun.of("forecast", "--input", csv.toString(), "--partitions", "4",
        "--model", Fixtures.checkpoint(Fixtures.TINY).toString(),
        "--output", tmp.getRoot().toPath().resolve("o.duckdb").toString());
    assertNotEquals(run.toString(), 0, run.exitCode);
    assertThat(run.errorLine(), containsString("--partitions/--partition-column: --input " + csv + " is not a database or Parquet input"));
  }

  @Test
  public void textPartitionColumnIsNamed() throws Exception {
    CliRun run = CliRun.of("forecast", "--input", "duckdb:" + duckDbInput() + "#obs", "--partitions", "2",
        "--partition-column", "unique_id", "--model", Fixtures.checkpoint(Fixtures.TINY).toString(),
        "--output", tmp.getRoot().toPath().resolve("o.duckdb").toString());
    assertNotEquals(run.toString(), 0, run.exitCode);
    assertThat(run.errorLine(), containsString("column 'unique_id' of table obs has type STRING"));
  }
}
