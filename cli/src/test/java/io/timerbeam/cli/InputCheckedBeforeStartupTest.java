package io.timerbeam.cli;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import io.timerbeam.model.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A wrong column name (CSV header, DuckDB table) fails before the slow start-up: in a fresh JVM (this one has loaded
 * everything already) the run exits 2 without ever loading Beam's pipeline options, a pipeline or
 * the engine, which its class-load log shows; no timing involved.
 */
public class InputCheckedBeforeStartupTest {
  private static final List<String> NOT_LOADED = List.of(
      "org.apache.beam.sdk.options.PipelineOptionsFactory ", "org.apache.beam.sdk.Pipeline ", "ai.djl.engine.Engine ");

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void wrongCsvColumnExits2NamingItAndTheHeaderBeforeOptionsPipelineOrEngineLoad() throws Exception {
    Path csv = file("in.csv");
    Files.writeString(csv, "unique_id,ds,y\na,2020-01-01,1\n");
    assertFailsEarly(csv.toString(), csv + ":1: missing column(s) [value] (header [unique_id, ds, y])");
  }

  @Test
  public void wrongDuckDbColumnExits2NamingItAndTheColumnsBeforeOptionsPipelineOrEngineLoad() throws Exception {
    Path db = file("in.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE obs AS SELECT 'a' AS unique_id, TIMESTAMP '2020-01-01' AS ds, 1.0 AS y");
    }
    assertFailsEarly("duckdb:" + db + "#obs", "has no column 'value'; columns are [unique_id, ds, y]");
  }

  /** Runs {@code forecast --value-column value} on {@code input} in a fresh JVM and checks how it fails. */
  private void assertFailsEarly(String input, String message) throws Exception {
    Path classes = file("classes.log");
    Path output = file("output.txt");
    Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info:file=" + classes, "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dai.djl.offline=true",
        "-Djava.io.tmpdir=" + tmp.getRoot(), "-cp", System.getProperty("java.class.path"), TimerS1Cli.class.getName(),
        "forecast", "--input", input, "--value-column", "value", "--model", Fixtures.checkpoint(Fixtures.TINY).toString(),
        "--output", file("o.duckdb").toString(), "--failures", file("f.csv").toString())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertEquals("the run ended", true, java.waitFor(120, TimeUnit.SECONDS));
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(printed, 2, java.exitValue());
    assertThat(printed, containsString(message));
    String loaded = Files.readString(classes, StandardCharsets.UTF_8);
    assertThat("the log names the classes loaded", loaded, containsString(TimerS1Cli.class.getName() + " "));
    for (String name : NOT_LOADED) {
      assertFalse(name + "was loaded", loaded.contains(" " + name));
    }
  }

  private Path file(String name) {
    return tmp.getRoot().toPath().resolve(name);
  }
}
