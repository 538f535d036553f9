package io.timerbeam.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * What the libraries print on stderr around a run, in a child JVM (the logger reads its settings
 * once per process): nothing a user cannot act on, neither Flink's start-up notes nor Beam's coder
 * warnings.
 */
public class LibraryNoiseTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private Path input() throws Exception {
    return SampleSeries.csv(tmp.getRoot().toPath(), List.of("AirPassengers", "Nile", "UKgas"));
  }

  /** The run's stderr lines that a library logged (slf4j-simple writes them as LEVEL logger - message). */
  private List<String> libraryLines(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dai.djl.offline=true", "-Xmx1g", "-XX:TieredStopAtLevel=1",
        "-Djava.io.tmpdir=" + tmp.newFolder().getAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), TimerS1Cli.class.getName()));
    command.addAll(List.of(args));
    Path err = tmp.getRoot().toPath().resolve("err.log");
    Process p = new ProcessBuilder(command).redirectError(err.toFile())
        .redirectOutput(tmp.getRoot().toPath().resolve("out.log").toFile()).start();
    assertTrue("the run ended", p.waitFor(300, TimeUnit.SECONDS));
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(stderr, 0, p.exitValue());
    return stderr.lines().filter(line -> line.matches("(ERROR|WARN|INFO|DEBUG) \\S+ - .*")).collect(Collectors.toList());
  }

  @Test
  public void aFlinkRunLogsNothingAUserCannotActOn() throws Exception {
    Path out = tmp.getRoot().toPath();
    List<String> logged = libraryLines("forecast", "--input", input().toString(), "--model",
        Fixtures.checkpoint(Fixtures.TINY).toString(), "--horizon", "3", "--runner", "flink", "--parallelism", "1",
        "--output", out.resolve("f.csv").toString(), "--failures", out.resolve("failures.csv").toString());
    assertEquals(String.join("\n", logged), List.of(), logged);
  }

  @Test
  public void evaluateLogsNoCoderWarning() throws Exception {
    Path out = tmp.getRoot().toPath();
    List<String> logged = libraryLines("evaluate", "--input", input().toString(), "--model",
        Fixtures.checkpoint(Fixtures.TINY).toString(), "--horizon", "6", "--windows", "2",
        "--output", out.resolve("e.duckdb").toString(), "--failures", out.resolve("failures.csv").toString());
    assertEquals(String.join("\n", logged), List.of(), logged);
  }
}
