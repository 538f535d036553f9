package io.timerbeam.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import io.timerbeam.cli.hub.HubCache;
import io.timerbeam.cli.hub.HubSettings;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.timers1.TimerS1Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** inspect, init, bench and soak end to end through {@link TimerS1Cli#execute}. */
public class EngineCommandsTest {
  private static final String TINY = Fixtures.checkpoint(Fixtures.TINY).toString();

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void inspectChecksAndCountsAFixture() {
    CliRun run = CliRun.of("inspect", "--model", TINY);
    assertEquals(run.toString(), 0, run.exitCode);
    assertTrue(run.out, run.out.contains("tensor_check=ok"));
    assertTrue(run.out, run.out.matches("(?s).*parameters=\\d+.*"));
  }

  @Test
  public void inspectInitAndBenchKnowTimerXl() {
    String xl = Fixtures.timerXl(Fixtures.TINY).toString();
    CliRun inspect = CliRun.of("inspect", "--model", xl);
    assertEquals(inspect.toString(), 0, inspect.exitCode);
    assertTrue(inspect.out, inspect.out.contains("family=timer-xl"));
    assertTrue(inspect.out, inspect.out.contains("parameters=21504"));
    Path out = tmp.getRoot().toPath().resolve("xl");
    CliRun init = CliRun.of("init", "--config", xl + "/config.json", "--seed", "1", "--out", out.toString());
    assertEquals(init.toString(), 0, init.exitCode);
    CliRun again = CliRun.of("inspect", "--model", out.toString());
    assertTrue(again.out, again.out.contains("tensor_check=ok") && again.out.contains("parameters=21504"));
    for (String mode : new String[] {"--no-cache", "--whole-series"}) {
      CliRun bench = CliRun.of("bench", "--model", xl, "--batch", "2", "--context", "64", "--horizon", "24", "--repeats", "1", mode);
      assertEquals(bench.toString(), 0, bench.exitCode);
      assertTrue(bench.out, bench.out.contains("family=timer-xl") && bench.out.contains("series_per_s"));
    }
  }

  @Test
  public void withoutModelItFallsBackToTheDemoCheckpointAndWarns() throws IOException {
    assumeTrue("a real model is configured here", System.getenv(DefaultModel.ENV) == null
        && !Files.exists(DefaultModel.cacheRoot().resolve("Timer-S1/config.json"))
        && new HubCache(HubSettings.fromEnvironment().cache()).find(DefaultModel.RELEASE, "main").isEmpty());
    String before = System.getProperty(DefaultModel.HOME_PROPERTY);
    System.setProperty(DefaultModel.HOME_PROPERTY, Path.of("").toAbsolutePath().getParent().toString());
    try {
      CliRun run = CliRun.of("inspect");
      assertEquals(run.toString(), 0, run.exitCode);
      assertTrue(run.err, run.err.startsWith(DefaultModel.DEMO_WARNING));
      assertTrue(run.out, run.out.contains("parameters=414208"));
    } finally {
      if (before == null) {
        System.clearProperty(DefaultModel.HOME_PROPERTY);
      } else {
        System.setProperty(DefaultModel.HOME_PROPERTY, before);
      }
    }
  }

  @Test
  public void inspectOfAMissingFolderIsBadInput() {
    CliRun run = CliRun.of("inspect", "--model", tmp.getRoot().toPath().resolve("missing").toString());
    assertEquals(run.toString(), 2, run.exitCode);
    assertTrue(run.err, run.err.startsWith("timers1: "));
  }

  @Test
  public void initWritesALoadableCheckpoint() throws IOException {
    Path out = tmp.getRoot().toPath().resolve("random");
    CliRun run = CliRun.of("init", "--config", TINY + "/config.json", "--seed", "7", "--dtype", "bf16", "--out", out.toString());
    assertEquals(run.toString(), 0, run.exitCode);
    assertEquals("wrote random checkpoint (seed 7, BF16, 1 shard(s)) to " + out, run.out.strip());
    try (TimerS1Model model = TimerS1Model.load(out)) {
      assertEquals("bfloat16", model.config().storageDtype());
    }
  }

  @Test
  public void initRejectsAnUnknownDtype() {
    CliRun run = CliRun.of("init", "--config", TINY + "/config.json", "--dtype", "f8", "--out", tmp.getRoot().toString());
    assertEquals(run.toString(), 2, run.exitCode);
    assertEquals("timers1: --dtype must be f32, bf16 or f16, got f8", run.err.strip());
  }

  @Test
  public void soakReportsMemory() {
    CliRun run = CliRun.of("soak", "--model", TINY, "--calls", "3", "--context", "32", "--horizon", "16");
    assertEquals(run.toString(), 0, run.exitCode);
    assertTrue(run.out, run.out.contains("rss_growth_from_tenth_to_last="));
  }

  @Test
  public void benchReportsThroughput() {
    CliRun run = CliRun.of("bench", "--model", TINY, "--batch", "2", "--context", "32", "--horizon", "16", "--repeats", "1");
    assertEquals(run.toString(), 0, run.exitCode);
    assertTrue(run.out, number(run.out, "series_per_s=([\\d.]+)") > 0);
    assertTrue(run.out, number(run.out, "rss_after_load_mb=(\\d+)") > 0);
    // A float32 checkpoint stays float32 whatever --resident says: 4 bytes per parameter.
    assertEquals(run.out, number(run.out, "parameters=(\\d+)") * 4 / 1e6, number(run.out, "resident_weights_mb=([\\d.]+)"), 0.05);
    // The traced call's first pass: every backbone layer timed, the marks adding up to at most the call.
    java.util.regex.Matcher layers = java.util.regex.Pattern.compile(" (embed|layer\\.\\d+|backbone|mtp\\.\\d+|first_step)=([\\d.]+)").matcher(run.out);
    double sum = 0;
    int backboneLayers = 0;
    while (layers.find()) {
      sum += Double.parseDouble(layers.group(2));
      backboneLayers += layers.group(1).startsWith("layer.") ? 1 : 0;
    }
    assertTrue(run.out, backboneLayers >= 1 && run.out.contains(" layer.0="));
    assertTrue(run.out, sum <= number(run.out, "traced_call_ms=([\\d.]+)") + 0.1);
  }

  private static double number(String text, String regex) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
    assertTrue(regex + " in\n" + text, m.find());
    return Double.parseDouble(m.group(1));
  }
}
