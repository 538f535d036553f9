package io.timerbeam.it.gpu;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.ComputePrecision;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.Golden;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.Test;

/**
 * The GPU check's own parts on this machine's bundled engine: its golden comparison reads every
 * fixture and holds float32 to the tolerance, and its pass rule fails a float32 miss or error.
 * The JNI built against another libtorch is rehearse-cpu.sh's business (too heavy for the suite).
 */
public class GpuCheckTest {
  @Test
  public void float32GoldensOfEveryFixturePassOnCpu() {
    // Where the model's test-jar puts them (copied out of the jar when it is one).
    Function<String, Path> dirOf = f -> f.startsWith("timer-s1/") ? Fixtures.checkpoint(f.substring(9)) : Fixtures.timerXl(f.substring(9));
    List<GpuCheck.GoldenResult> results = GpuCheck.goldens(dirOf, "cpu", List.of(ComputePrecision.FLOAT32));
    assertEquals(GpuCheck.FIXTURES.size(), results.size());
    for (GpuCheck.GoldenResult r : results) {
      assertTrue(r.line(), r.passes());
      assertTrue(r.line(), r.line().startsWith("fixture=" + r.fixture() + " device=cpu compute=float32 max_rel_err="));
    }
  }

  @Test
  public void float32FailsOnAMissOrAnErrorAndOtherPrecisionsAreOnlyReported() {
    assertFalse(new GpuCheck.GoldenResult("f", "gpu0", ComputePrecision.FLOAT32, 2 * Golden.TOLERANCE, null).passes());
    assertFalse(new GpuCheck.GoldenResult("f", "gpu0", ComputePrecision.FLOAT32, Double.NaN, "UnsatisfiedLinkError: x").passes());
    assertTrue(new GpuCheck.GoldenResult("f", "gpu0", ComputePrecision.FLOAT16, 0.5, null).passes());
  }
}
