package io.timerbeam.cli;

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
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The main job end to end through the command line: sample data in, DuckDB out, failures reconciled, bad input named. */
public class ForecastCommandTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** Three sample series, plus one too short to forecast and one line with a non-numeric value. */
  private Path input() throws Exception {
    return SampleSeries.csv(tmp.getRoot().toPath(), List.of("AirPassengers", "Nile", "UKgas"),
        "tiny,2020-01-01,1", "tiny,2020-02-01,2", "Nile,1800-01-01,abc");
  }

  @Test
  public void forecastsSampleSeriesIntoDuckDbAndReconciles() throws Exception {
    Path db = tmp.getRoot().toPath().resolve("out.duckdb");
    Path failures = tmp.getRoot().toPath().resolve("failures.csv");
    Path png = tmp.getRoot().toPath().resolve("plot.png");
    String model = Fixtures.checkpoint(Fixtures.TINY).toString();
    Path input = input();
    String[] args = {"forecast", "--input", input.toString(), "--output", db.toString(), "--horizon", "6",
        "--model", model, "--failures", failures.toString(), "--plot", png.toString()};
    CliRun run = CliRun.of(args);
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("series: 4 in, 3 forecast, 1 failed"));
    assertThat(run.out, containsString("failed too_few_observations: 1"));
    assertThat(run.out, containsString("input rows that could not be read: 1"));
    assertThat(run.out, containsString("forecast rows written: 18 to " + db + " (table forecasts)"));
    String failureText = Files.readString(failures);
    assertThat(failureText, containsString("forecast,tiny,too_few_observations,"));
    // A read failure: its id as read, the read's code, and where (file:line), why and the record in its reason.
    assertThat(failureText, containsString("read,Nile,unreadable_record,"));
    assertThat(failureText, containsString(input + ":" + Files.readAllLines(input).size()
        + ": value column 'y': non-numeric value 'abc'; record: Nile,1800-01-01,abc"));
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

  private String model() {
    return Fixtures.checkpoint(Fixtures.TINY).toString();
  }

  private Path file(String name) {
    return tmp.getRoot().toPath().resolve(name);
  }

  /** {@code forecast} of {@code csv} into o.duckdb and f.csv in the temporary folder, plus {@code extra} options. */
  private CliRun forecast(Path csv, String... extra) {
    List<String> args = new ArrayList<>(List.of("forecast", "--input", csv.toString(), "--model", model(), "--horizon", "3",
        "--output", file("o.duckdb").toString(), "--failures", file("f.csv").toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  /** Twelve monthly points of a series, as CSV lines with {@code id} already quoted as needed. */
  private static String series(String id, double scale) {
    StringBuilder lines = new StringBuilder();
    for (int m = 1; m <= 12; m++) {
      lines.append(id).append(",2020-").append(String.format("%02d", m)).append("-01,").append(scale * (m % 5 + 1)).append("\r\n");
    }
    return lines.toString();
  }

  private static List<CSVRecord> failureRecords(Path failures) throws Exception {
    try (CSVParser parser = CSVParser.parse(failures, StandardCharsets.UTF_8, CSVFormat.DEFAULT.withFirstRecordAsHeader())) {
      return parser.getRecords();
    }
  }

  @Test
  public void wholeFileProblemsAreOneLineAndExitCode2BeforeAnyWork() throws Exception {
    Path wrongColumn = file("wrong.csv");
    Files.writeString(wrongColumn, "unique_id,ds,value\na,2020-01-01,1\n");
    CliRun run = forecast(wrongColumn);
    assertEquals(run.toString(), 2, run.exitCode);
    assertThat(run.errorLine(), containsString(wrongColumn + ":1: missing column(s) [y] (header [unique_id, ds, value])"));
    assertTrue("nothing written", !Files.exists(file("o.duckdb")) && !Files.exists(file("f.csv")));

    Path twice = file("twice.csv");
    Files.writeString(twice, "unique_id,ds,y,y\na,2020-01-01,1,2\n");
    assertThat(forecast(twice).errorLine(), containsString("duplicate column(s) [y]"));
    Path headerOnly = file("header.csv");
    Files.writeString(headerOnly, "unique_id,ds,y\n");
    assertThat(forecast(headerOnly).errorLine(), containsString("no data records, only a header"));

    long started = System.nanoTime();
    CliRun missing = forecast(file("absent.csv"));
    assertEquals(missing.toString(), 2, missing.exitCode);
    assertThat(missing.errorLine(), containsString("absent.csv: no such file"));
    CliRun glob = forecast(file("none-*.csv"));
    assertEquals(2, glob.exitCode);
    assertTrue("fast: " + (System.nanoTime() - started) / 1e9 + " s", System.nanoTime() - started < 10e9);
  }

  @Test
  public void quotedIdsWithLineBreaksBomAndCrlfAreSeriesNotInventedAndTheFailuresFileIsValidCsv() throws Exception {
    String nasty = "two\nline\nbreaks, a comma and \"quotes\"";
    String quoted = "\"" + nasty.replace("\"", "\"\"") + "\"";
    String tinyId = "tiny\r\n\n\"x\",";
    Path csv = file("nasty.csv");
    Files.writeString(csv, "\uFEFFunique_id,ds,y\r\n" + series(quoted, 1) + series("plain", 2)
        + "\"" + tinyId.replace("\"", "\"\"") + "\",2020-01-01,1\r\n");
    CliRun run = forecast(csv);
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("series: 3 in, 2 forecast, 1 failed"));
    assertEquals(List.of("plain", nasty), ids(file("o.duckdb")));
    List<CSVRecord> failures = failureRecords(file("f.csv"));
    assertEquals(1, failures.size());
    assertEquals(tinyId, failures.get(0).get("where"));
    assertEquals("unknown_frequency", failures.get(0).get("code"));
  }

  @Test
  public void nulInIdsIsRejectedWithAReasonNeverMergedFromCsvOrDuckDb() throws Exception {
    Path csv = file("nul.csv");
    Files.writeString(csv, "unique_id,ds,y\n" + series("a\0x", 1) + series("a\0y", 2) + series("a", 3));
    CliRun run = forecast(csv);
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("series: 1 in, 1 forecast, 0 failed"));
    assertThat(run.out, containsString("input rows that could not be read: 24"));
    assertEquals(List.of("a"), ids(file("o.duckdb")));
    assertThat(Files.readString(file("f.csv")), containsString("holds a NUL character"));

    Path db = file("in.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE obs AS SELECT * FROM read_csv('" + csv + "', header = true, columns = {'unique_id': 'VARCHAR', 'ds': 'DATE', 'y': 'DOUBLE'})");
    }
    CliRun fromDuckDb = CliRun.of("forecast", "--input", "duckdb:" + db + "#obs", "--model", model(), "--horizon", "3",
        "--output", file("o2.duckdb").toString(), "--failures", file("f2.csv").toString());
    assertEquals(fromDuckDb.toString(), 0, fromDuckDb.exitCode);
    assertThat(fromDuckDb.out, containsString("series: 1 in, 1 forecast, 0 failed"));
    assertEquals(List.of("a"), ids(file("o2.duckdb")));
  }

  @Test
  public void exitCode3WhenNoSeriesCouldBeForecast() throws Exception {
    Path csv = file("short.csv");
    Files.writeString(csv, "unique_id,ds,y\na,2020-01-01,1\nb,2020-01-01,x\n");
    CliRun run = forecast(csv);
    assertEquals(run.toString(), 3, run.exitCode);
    assertThat(run.out, containsString("no series could be forecast"));
    assertThat(Files.readString(file("f.csv")), containsString("forecast,a,"));
  }

  @Test
  public void corruptCheckpointExits2FromForecastLikeInspect() throws Exception {
    Path broken = tmp.newFolder("broken").toPath();
    Files.copy(Path.of(model()).resolve("config.json"), broken.resolve("config.json"));
    Files.write(broken.resolve("model.safetensors"), new byte[] {1, 2, 3, 4, 5});
    Path csv = file("in.csv");
    Files.writeString(csv, "unique_id,ds,y\n" + series("a", 1));
    CliRun run = CliRun.of("forecast", "--input", csv.toString(), "--model", broken.toString(),
        "--output", file("o.duckdb").toString(), "--failures", file("f.csv").toString());
    assertEquals(run.toString(), 2, run.exitCode);
    assertThat(run.errorLine(), containsString("truncated safetensors file"));
    assertEquals(2, CliRun.of("inspect", "--model", broken.toString()).exitCode);

    // A header nested 50,000 deep: a clear line and exit 2 from every command, not a StackOverflowError.
    byte[] header = ("{\"w\":{\"dtype\":\"F32\",\"shape\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}}")
        .getBytes(StandardCharsets.UTF_8);
    java.nio.ByteBuffer deep = java.nio.ByteBuffer.allocate(8 + header.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    Files.write(broken.resolve("model.safetensors"), deep.putLong(header.length).put(header).array());
    for (String[] command : List.of(new String[] {"inspect"}, new String[] {"forecast", "--input", csv.toString()},
        new String[] {"bench", "--batch", "1", "--context", "8", "--horizon", "1"}, new String[] {"soak", "--calls", "1"})) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(List.of("--model", broken.toString()));
      CliRun deepRun = CliRun.of(args.toArray(new String[0]));
      assertEquals(deepRun.toString(), 2, deepRun.exitCode);
      assertThat(deepRun.errorLine(), containsString("JSON nested deeper than 64 levels"));
    }
    CliRun init = CliRun.of("init", "--config", broken.resolve("absent.json").toString(), "--out", file("x").toString());
    assertEquals(init.toString(), 2, init.exitCode);
    assertThat(init.errorLine(), containsString("no such file: "));
  }

  @Test
  public void duplicatesAndOtherTransformOptionsAreFlagsAndMessagesNameThem() throws Exception {
    Path csv = file("dups.csv");
    Files.writeString(csv, "unique_id,ds,y\n" + series("a", 1) + "a,2020-01-01,7\n");
    CliRun rejected = forecast(csv);
    assertEquals(rejected.toString(), 3, rejected.exitCode);
    assertThat(Files.readString(file("f.csv")), containsString("--duplicates mean|sum|last"));
    CliRun merged = forecast(csv, "--duplicates", "mean", "--min-observations", "5", "--confidence-level", "0.6");
    assertEquals(merged.toString(), 0, merged.exitCode);
    assertThat(merged.out, containsString("series: 1 in, 1 forecast, 0 failed"));
    assertThat(forecast(csv, "--duplicates", "median").errorLine(), containsString("--duplicates must be mean, sum, last or error, got median"));
    assertThat(forecast(csv, "--duplicates", "sum", "--min-observations", "20").out, containsString("failed too_few_observations: 1"));
    CliRun clash = forecast(csv, "--id-column", "model_id");
    assertEquals(2, clash.exitCode);
    assertThat(clash.errorLine(), containsString("--id-column model_id clashes with the forecast column"));
  }

  @Test
  public void csvOutputIsExactlyTheNamedFileWithNoTemporaryDirectoryLeft() throws Exception {
    Path csv = file("in.csv");
    Files.writeString(csv, "unique_id,ds,y\n" + series("a", 1));
    Path out = tmp.newFolder("out").toPath();
    CliRun run = CliRun.of("forecast", "--input", csv.toString(), "--model", model(), "--horizon", "3",
        "--output", out.resolve("forecasts.csv").toString(), "--failures", out.resolve("failures.csv").toString());
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("forecast rows written: 3 to " + out.resolve("forecasts.csv")));
    try (var listing = Files.list(out)) {
      assertEquals(List.of("failures.csv", "forecasts.csv"), listing.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  public void anOutputThatCannotBeWrittenIsNamedBeforeAnyForecasting() throws Exception {
    Path csv = file("in.csv");
    Files.writeString(csv, "unique_id,ds,y\n" + series("a", 1));
    Path notDuckDb = file("not-a-database.duckdb");
    Files.writeString(notDuckDb, "this is text, not a DuckDB file\n".repeat(200));
    CliRun run = CliRun.of("forecast", "--input", csv.toString(), "--model", model(), "--horizon", "3",
        "--output", notDuckDb.toString(), "--failures", file("f.csv").toString());
    assertEquals(run.toString(), 2, run.exitCode);
    assertThat(run.errorLine(), containsString("table \"forecasts\" in " + notDuckDb + " cannot be written: "));
    assertTrue(run.errorLine(), run.errorLine().contains(notDuckDb.toString()));
    assertEquals("no summary: nothing ran", "", run.out);
  }

  @Test
  public void aWriteThatFailsAfterForecastingStillPrintsTheSummaryAndExits3() throws Exception {
    Path csv = file("in.csv");
    Files.writeString(csv, "unique_id,ds,y\n" + series("a", 1) + series("b", 2) + "tiny,2020-01-01,1\n");
    assertEquals(0, forecast(csv).exitCode); // creates the table; the one-point series is listed as failed
    // The same table, but with a constraint no forecast row meets: the check before the run
    // (an empty upsert) passes, the real upsert fails.
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file("o.duckdb")); Statement s = c.createStatement()) {
      ResultSet r = s.executeQuery("SELECT sql FROM duckdb_tables() WHERE table_name = 'forecasts'");
      assertTrue(r.next());
      String ddl = r.getString(1).strip();
      s.execute("DROP TABLE forecasts");
      s.execute(ddl.substring(0, ddl.lastIndexOf(')')) + ", CHECK (horizon_step < 0))");
    }
    CliRun run = forecast(csv);
    assertEquals(run.toString(), 3, run.exitCode);
    assertThat(run.out, containsString("series: 3 in, 2 forecast, 1 failed"));
    assertThat(run.out, containsString("WRITE FAILED: SQLException: "));
    assertThat(run.out, containsString("forecast rows sent to " + file("o.duckdb") + " (table forecasts): 6"));
  }

  @Test
  public void horizonIsBounded() throws Exception {
    Path csv = file("in.csv");
    Files.writeString(csv, "unique_id,ds,y\n" + series("a", 1));
    CliRun run = CliRun.of("forecast", "--input", csv.toString(), "--model", model(), "--horizon", "100000");
    assertEquals(run.toString(), 2, run.exitCode);
    assertThat(run.errorLine(), containsString("--horizon 100000 is above --max-horizon 10000"));
  }

  private static List<String> ids(Path db) throws Exception {
    List<String> ids = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT DISTINCT unique_id FROM forecasts ORDER BY unique_id")) {
      while (r.next()) {
        ids.add(r.getString(1));
      }
    }
    return ids;
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
  public void aMissingFolderOrAPlainFileAsModelIsSaidForWhatItIs() throws Exception {
    Path missing = tmp.getRoot().toPath().resolve("no-such-model");
    CliRun run = CliRun.of("forecast", "--input", input().toString(), "--model", missing.toString(),
        "--output", tmp.getRoot().toPath().resolve("o.duckdb").toString());
    assertEquals(run.toString(), 2, run.exitCode);
    assertThat(run.errorLine(), containsString("model folder " + missing + " does not exist"));
    run = CliRun.of("forecast", "--input", input().toString(), "--model", input().toString(),
        "--output", tmp.getRoot().toPath().resolve("o.duckdb").toString());
    assertEquals(run.toString(), 2, run.exitCode);
    assertThat(run.errorLine(), containsString("model " + input() + " is a file, not a checkpoint folder"));
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
