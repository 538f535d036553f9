package io.timerbeam.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.timerbeam.model.Fixtures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code timers1 forecast} in a child JVM, started as the launcher starts it (its own
 * {@code java.io.tmpdir}, {@code ~/.cache/timers1/tmp/PID}), killed with SIGKILL once its write has
 * begun, then run again to the end: every series' rows are there exactly once, and nothing of the
 * killed run is left in the temporary directories or next to the output.
 */
public class KillDuringWriteTest {
  private static final int SERIES = 400;
  private static final int POINTS = 40;
  private static final int HORIZON = 12;
  private static final long EXPECTED_ROWS = (long) SERIES * HORIZON;
  private static final long START_TIMEOUT_MS = 120_000;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void duckDbWriteKilledThenRerunIsCompleteAndLeavesNothing() throws Exception {
    Path db = dir("out").resolve("forecasts.duckdb");
    Path wal = Path.of(db + ".wal");
    List<String> args = forecast(db.toString());
    // The write-ahead log grows once the sink writes; the kill may land inside a batch's transaction
    // (nothing of it committed) or between batches (some committed): either way the write is cut short.
    kill(args, () -> size(wal) > 16 * 1024);
    long partial = duckDbRows(db);
    assertTrue("killed mid-write, " + partial + " rows", partial < EXPECTED_ROWS);
    rerun(args);
    assertComplete(duckDbKeys(db));
    assertOutputDirectoryHolds(db.getParent(), "failures.csv", "forecasts.duckdb");
  }

  @Test
  public void csvWriteKilledThenRerunIsCompleteAndLeavesNothing() throws Exception {
    Path csv = dir("out").resolve("forecasts.csv");
    List<String> args = forecast(csv.toString());
    // The shard is written to a temporary file (in a hidden staging directory), renamed into place once complete.
    kill(args, () -> temporaryFileBytes(csv.getParent()) > 0);
    assertTrue("killed before the file was published", !Files.exists(csv));
    rerun(args);
    List<List<String>> keys = new ArrayList<>();
    try (CSVParser rows = CSVParser.parse(csv, StandardCharsets.UTF_8, CSVFormat.DEFAULT.withFirstRecordAsHeader())) {
      for (CSVRecord row : rows) {
        keys.add(List.of(row.get("unique_id"), row.get("forecast_timestamp")));
      }
    }
    assertComplete(keys);
    assertOutputDirectoryHolds(csv.getParent(), "failures.csv", "forecasts.csv");
  }

  /** The earlier run's failures file stays beside its forecasts until the rerun replaces both at its end. */
  @Test
  public void aRerunKilledMidWriteLeavesTheEarlierRunsFailuresBesideItsForecasts() throws Exception {
    Path csv = dir("out").resolve("forecasts.csv");
    assertAKilledRerunLeavesTheEarlierFiles(forecast(csv.toString()), csv);
  }

  /** As above for {@code detect}: its anomaly rows and failures are staged too, not the failures deleted at its start. */
  @Test
  public void aDetectRerunKilledMidWriteLeavesTheEarlierRunsFailuresBesideItsAnomalies() throws Exception {
    Path csv = dir("out").resolve("anomalies.csv");
    forecast(csv.toString()); // writes the input
    assertAKilledRerunLeavesTheEarlierFiles(List.of("detect", "--input", tmp.getRoot().toPath().resolve("input.csv").toString(),
        "--target-last", "8", "--model", "seasonal-naive", "--output", csv.toString(),
        "--failures", dir("out").resolve("failures.csv").toString()), csv);
  }

  /** Runs {@code args} to the end, then again killed mid-write: {@code output} and the failures beside it stay as the first run left them. */
  private void assertAKilledRerunLeavesTheEarlierFiles(List<String> args, Path output) throws Exception {
    Path failures = output.resolveSibling("failures.csv");
    rerun(args);
    String earlierOutput = Files.readString(output, StandardCharsets.UTF_8);
    String earlierFailures = Files.readString(failures, StandardCharsets.UTF_8);
    assertTrue(earlierFailures, earlierFailures.startsWith("stage,where,code,reason"));
    kill(args, () -> temporaryFileBytes(output.getParent()) > 0);
    assertEquals("the earlier output stays", earlierOutput, Files.readString(output, StandardCharsets.UTF_8));
    assertTrue("the earlier failures file was deleted while its output stayed", Files.exists(failures));
    assertEquals(earlierFailures, Files.readString(failures, StandardCharsets.UTF_8));
  }

  /**
   * As above for {@code evaluate}: its metric rows, window forecasts and failures are staged beside
   * them and published together at the end, so a killed run publishes none and leaves nothing there
   * that the rerun does not remove.
   */
  @Test
  public void anEvaluateKilledMidWriteThenRerunPublishesItsThreeFilesAndLeavesNothing() throws Exception {
    Path metrics = dir("out").resolve("evaluation.csv");
    Path windows = dir("out").resolve("windows.csv");
    List<String> forecast = forecast(metrics.toString()); // writes the input
    List<String> args = new ArrayList<>(forecast.subList(1, forecast.size()));
    args.add(0, "evaluate");
    args.addAll(List.of("--forecasts-output", windows.toString()));
    kill(args, () -> temporaryFileBytes(metrics.getParent()) > 0);
    assertTrue("killed before its files were published", !Files.exists(metrics) && !Files.exists(windows));
    rerun(args);
    List<List<String>> models = new ArrayList<>();
    try (CSVParser rows = CSVParser.parse(metrics, StandardCharsets.UTF_8, CSVFormat.DEFAULT.withFirstRecordAsHeader())) {
      for (CSVRecord row : rows) {
        models.add(List.of(row.get("unique_id"), row.get("model")));
      }
    }
    assertEquals("one window per series, scored for the model and the baseline", 2 * SERIES, models.size());
    assertEquals(2 * SERIES, new HashSet<>(models).size());
    try (CSVParser rows = CSVParser.parse(windows, StandardCharsets.UTF_8, CSVFormat.DEFAULT.withFirstRecordAsHeader())) {
      assertEquals("each window's steps, for the model and the baseline", 2 * EXPECTED_ROWS, rows.getRecords().size());
    }
    assertOutputDirectoryHolds(metrics.getParent(), "evaluation.csv", "failures.csv", "windows.csv");
  }

  @Test
  public void postgresWriteKilledThenRerunIsCompleteAndLeavesNothing() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      List<String> args = forecast(url);
      long partial;
      try (Connection watcher = DriverManager.getConnection(url)) { // one session: a connection per poll would cost a backend each
        kill(args, () -> postgresRows(watcher) > 0);
        partial = postgresRows(watcher);
      }
      assertTrue("killed mid-write, " + partial + " rows", partial < EXPECTED_ROWS);
      rerun(args);
      List<List<String>> keys = new ArrayList<>();
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT unique_id, forecast_timestamp FROM forecasts")) {
        while (r.next()) {
          keys.add(List.of(r.getString(1), r.getString(2)));
        }
      }
      assertComplete(keys);
      assertOutputDirectoryHolds(dir("out"), "failures.csv");
    }
  }

  /** The command line of one run: the input written once, output and failures in {@code out/}. */
  private List<String> forecast(String output) throws IOException {
    Path input = tmp.getRoot().toPath().resolve("input.csv");
    if (!Files.exists(input)) {
      StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
      LocalDate start = LocalDate.of(2024, 1, 1);
      for (int s = 0; s < SERIES; s++) {
        for (int p = 0; p < POINTS; p++) {
          csv.append("s").append(s).append(',').append(start.plusDays(p)).append(',').append(s % 17 + Math.sin(p + s)).append('\n');
        }
      }
      Files.writeString(input, csv, StandardCharsets.UTF_8);
    }
    return List.of("forecast", "--input", input.toString(), "--model", Fixtures.checkpoint(Fixtures.TINY).toString(),
        "--horizon", String.valueOf(HORIZON), "--output", output, "--failures", dir("out").resolve("failures.csv").toString());
  }

  /** Starts a run, waits until {@code writing}, and kills it with SIGKILL (no shutdown hooks, no cleanup). */
  private void kill(List<String> args, BooleanSupplier writing) throws Exception {
    Process run = start(args, "killed.log");
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (!writing.getAsBoolean()) {
      if (!run.isAlive()) {
        fail("the run ended (exit " + run.exitValue() + ") before it was killed:\n" + log("killed.log"));
      }
      if (System.currentTimeMillis() > deadline) {
        run.destroyForcibly();
        fail("the write did not start within " + START_TIMEOUT_MS + " ms:\n" + log("killed.log"));
      }
      Thread.sleep(5);
    }
    assertTrue("still running when killed:\n" + log("killed.log"), run.isAlive());
    run.destroyForcibly();
    assertTrue(run.waitFor(30, TimeUnit.SECONDS));
  }

  /** The same command to its end; then only this run's own temporary directory remains, holding no files. */
  private void rerun(List<String> args) throws Exception {
    Process run = start(args, "rerun.log");
    assertTrue("the rerun ended", run.waitFor(180, TimeUnit.SECONDS));
    assertEquals(log("rerun.log"), 0, run.exitValue());
    Path runs = home().resolve(".cache").resolve("timers1").resolve("tmp");
    try (Stream<Path> left = Files.list(runs)) {
      assertEquals("the killed run's temporary directory is removed", List.of(String.valueOf(run.pid())),
          left.map(p -> p.getFileName().toString()).toList());
    }
    try (Stream<Path> files = Files.walk(runs.resolve(String.valueOf(run.pid())))) {
      assertEquals("files left in the rerun's temporary directory", List.of(),
          files.filter(Files::isRegularFile).map(Path::toString).toList());
    }
  }

  /**
   * A child JVM as {@code ./timers1} starts one: the shell's pid, which {@code exec} hands to java,
   * names its temporary directory under {@code ~/.cache/timers1/tmp} (here under a test home).
   */
  private Process start(List<String> args, String log) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", "-c",
        "tmp=\"$HOME/.cache/timers1/tmp/$$\"; mkdir -p \"$tmp\"; java=\"$1\"; shift;"
            + " exec \"$java\" -Duser.home=\"$HOME\" -Djava.io.tmpdir=\"$tmp\" \"$@\"",
        "timers1", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dai.djl.offline=true", "-Xmx1g",
        // Short runs on shared cores: the client compiler and one GC thread halve the start-up.
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), TimerS1Cli.class.getName()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.getRoot().toPath().resolve(log).toFile());
    builder.environment().put("HOME", home().toString());
    return builder.start();
  }

  private void assertComplete(List<List<String>> keys) {
    assertEquals("rows", EXPECTED_ROWS, keys.size());
    Map<List<String>, Integer> seen = new HashMap<>();
    Map<String, Integer> perSeries = new HashMap<>();
    for (List<String> key : keys) {
      assertEquals("duplicate key " + key, null, seen.put(key, 1));
      perSeries.merge(key.get(0), 1, Integer::sum);
    }
    assertEquals("series", SERIES, perSeries.size());
    for (int s = 0; s < SERIES; s++) {
      assertEquals("rows of s" + s, Integer.valueOf(HORIZON), perSeries.get("s" + s));
    }
  }

  /** Nothing but the named files next to the output: no temporary directories or partial files. */
  private static void assertOutputDirectoryHolds(Path directory, String... names) throws IOException {
    try (Stream<Path> left = Files.list(directory)) {
      assertEquals(List.of(names), left.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  private static long duckDbRows(Path db) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM forecasts")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static List<List<String>> duckDbKeys(Path db) throws SQLException {
    List<List<String>> keys = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT unique_id, CAST(forecast_timestamp AS VARCHAR) FROM forecasts")) {
      while (r.next()) {
        keys.add(List.of(r.getString(1), r.getString(2)));
      }
    }
    return keys;
  }

  /** Rows in the target table, 0 before it exists. */
  private static long postgresRows(Connection c) {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM forecasts")) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) { // undefined table: the sink has not created it yet
        return 0;
      }
      throw new IllegalStateException(e);
    }
  }

  /** Bytes in files under the hidden (temporary) directories of {@code directory}. */
  private static long temporaryFileBytes(Path directory) {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(p -> !p.getParent().equals(directory) && Files.isRegularFile(p))
          .filter(p -> directory.relativize(p).getName(0).toString().startsWith("."))
          .mapToLong(KillDuringWriteTest::size).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0; // a file renamed or deleted while walking: look again
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private Path home() throws IOException {
    return Files.createDirectories(tmp.getRoot().toPath().resolve("home"));
  }

  private Path dir(String name) throws IOException {
    return Files.createDirectories(tmp.getRoot().toPath().resolve(name));
  }

  private String log(String name) {
    try {
      return Files.readString(tmp.getRoot().toPath().resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
