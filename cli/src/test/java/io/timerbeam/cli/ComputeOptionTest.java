package io.timerbeam.cli;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.ComputePrecision;
import io.timerbeam.model.CpuFeatures;
import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.ForecastModel;
import io.timerbeam.model.ForecastModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code forecast --compute}: bfloat16 end to end, and refused before any work where the CPU would emulate it. */
public class ComputeOptionTest {
  private static final int HORIZON = 12;
  /** The tiny fixture's bfloat16 bound (twice PyTorch autocast's error against the float64 reference). */
  private static final double BFLOAT16_BOUND = 4.2e-2;
  private static final String[] SERIES = {"AirPassengers", "Nile"};

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private SampleSeries sample;

  private Path input() throws Exception {
    sample = SampleSeries.write(tmp.getRoot().toPath(), SERIES);
    return sample.csv;
  }

  private CliRun forecast(Path output, String compute) throws Exception {
    return CliRun.of("forecast", "--input", input().toString(), "--output", output.toString(), "--horizon", String.valueOf(HORIZON),
        "--model", Fixtures.checkpoint(Fixtures.TINY).toString(), "--failures", tmp.getRoot().toPath().resolve("f.csv").toString(),
        "--compute", compute, "--raw-quantiles"); // forecast_value is then the model's own q50 row
  }

  @Test
  public void bfloat16ForecastsEqualTheBfloat16EnginesWithinItsBound() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("out.csv");
    CliRun run = forecast(out, "bfloat16");
    assertEquals(run.toString(), 0, run.exitCode);
    assertThat(run.out, containsString("series: 2 in, 2 forecast, 0 failed"));
    assertThat(run.out, containsString("compute=bfloat16"));
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split(","));
    Map<String, float[]> written = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      written.computeIfAbsent(f[header.indexOf("unique_id")], k -> new float[HORIZON])[Integer.parseInt(f[header.indexOf("horizon_step")]) - 1] =
          Float.parseFloat(f[header.indexOf("forecast_value")]);
    }
    try (ForecastModel model = ForecastModels.load(Fixtures.checkpoint(Fixtures.TINY),
        EngineOptions.defaults().withCompute(ComputePrecision.BFLOAT16))) {
      int median = java.util.Arrays.binarySearch(model.quantileLevels(), 0.5);
      for (String id : SERIES) {
        float[] engine = model.forecast(List.of(sample.history.get(id)), HORIZON)[0][median];
        double scale = 1;
        double worst = 0;
        for (int t = 0; t < HORIZON; t++) {
          scale = Math.max(scale, Math.abs(engine[t]));
          worst = Math.max(worst, Math.abs(engine[t] - written.get(id)[t]));
        }
        assertTrue(id + ": written vs engine relative difference " + worst / scale, worst / scale <= BFLOAT16_BOUND);
      }
    }
  }

  @Test
  public void bfloat16OnACpuWithoutItIsRefusedBeforeAnyWork() throws Exception {
    String problem = CpuFeatures.detect().bfloat16Problem();
    Assume.assumeTrue("this CPU runs bfloat16 in hardware", problem != null);
    String allowed = System.clearProperty(CpuFeatures.ALLOW_EMULATED_BFLOAT16);
    try {
      Path out = tmp.getRoot().toPath().resolve("refused.csv");
      CliRun run = forecast(out, "bfloat16");
      assertEquals(run.toString(), 2, run.exitCode);
      assertThat(run.errorLine(), containsString("--compute bfloat16: " + problem));
      assertTrue("nothing written", !Files.exists(out));
    } finally {
      if (allowed != null) {
        System.setProperty(CpuFeatures.ALLOW_EMULATED_BFLOAT16, allowed);
      }
    }
  }

  @Test
  public void unknownPrecisionNamesTheChoices() throws Exception {
    CliRun run = forecast(tmp.getRoot().toPath().resolve("x.csv"), "int8");
    assertEquals(run.toString(), 2, run.exitCode);
    assertThat(run.err, containsString("float32, bfloat16 or float16, got int8"));
  }
}
