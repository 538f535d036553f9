package io.timerbeam.examples.cli;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import io.timerbeam.model.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A wrong column name fails before the slow start-up: in a fresh JVM (this one has loaded
 * everything already) the run exits 2 without ever loading Beam's pipeline options, a pipeline or
 * the engine, which its class-load log shows; no timing involved.
 */
public class InputCheckedBeforeStartupTest {
  private static final List<String> NOT_LOADED = List.of(
      "org.apache.beam.sdk.options.PipelineOptionsFactory ", "org.apache.beam.sdk.Pipeline ", "ai.djl.engine.Engine ");

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void wrongValueColumnExits2NamingItAndTheHeaderBeforeOptionsPipelineOrEngineLoad() throws Exception {
    Path csv = tmp.getRoot().toPath().resolve("in.csv");
    Files.writeString(csv, "unique_id,ds,y\na,2020-01-01,1\n");
    Path classes = tmp.getRoot().toPath().resolve("classes.log");
    Path stderr = tmp.getRoot().toPath().resolve("stderr.txt");
    Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info:file=" + classes, "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dai.djl.offline=true",
        "-Djava.io.tmpdir=" + tmp.getRoot(), "-cp", System.getProperty("java.class.path"), TimerS1Cli.class.getName(),
        "forecast", "--input", csv.toString(), "--value-column", "value", "--model", Fixtures.checkpoint(Fixtures.TINY).toString(),
        "--output", tmp.getRoot().toPath().resolve("o.duckdb").toString(), "--failures", tmp.getRoot().toPath().resolve("f.csv").toString())
        .redirectErrorStream(true).redirectOutput(stderr.toFile()).start();
    assertEquals("the run ended", true, java.waitFor(120, TimeUnit.SECONDS));
    String output = Files.readString(stderr, StandardCharsets.UTF_8);
    assertEquals(output, 2, java.exitValue());
    assertThat(output, containsString(csv + ":1: missing column(s) [value] (header [unique_id, ds, y])"));
    String loaded = Files.readString(classes, StandardCharsets.UTF_8);
    assertThat("the log names the classes loaded", loaded, containsString(TimerS1Cli.class.getName() + " "));
    for (String name : NOT_LOADED) {
      assertFalse(name + "was loaded", loaded.contains(" " + name));
    }
  }
}
