package io.timerbeam.cli;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The README's first command as the launcher runs it: a separate JVM on the packaged runtime
 * classpath (target/launcher.classpath), not the test classpath, forecasting the sample data with
 * the shipped demo checkpoint into a DuckDB file.
 */
public class QuickstartIT {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void readmeForecastCommandRunsOnTheLauncherClasspath() throws Exception {
    Path module = Path.of("").toAbsolutePath();
    String classpath = module.resolve("target/classes") + ":" + Files.readString(module.resolve("target/launcher.classpath")).trim();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path db = tmp.getRoot().toPath().resolve("forecasts.duckdb");
    Process p = new ProcessBuilder(List.of(java.toString(), "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dai.djl.offline=true",
        "-Dtimers1.home=" + module.getParent(), "-cp", classpath, TimerS1Cli.class.getName(),
        "forecast", "--input", SampleSeries.SAMPLE.toAbsolutePath().toString(), "--horizon", "12",
        "--output", db.toString(), "--failures", tmp.getRoot().toPath().resolve("failures.csv").toString()))
        .directory(tmp.getRoot()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue("timed out:\n" + output, p.waitFor(5, TimeUnit.MINUTES));
    assertEquals(output, 0, p.exitValue());
    assertThat(output, containsString("its forecasts are meaningless"));
    assertThat(output, containsString("series: 27 in, 27 forecast, 0 failed"));
    assertThat(output, containsString("forecast rows written: 324 to " + db));
  }
}
