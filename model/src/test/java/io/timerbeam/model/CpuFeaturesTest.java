package io.timerbeam.model;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.timers1.TimerS1Model;
import java.util.Set;
import org.junit.Test;

public class CpuFeaturesTest {
  @Test
  public void x86WithAvx512Bf16OrAmxRunsBfloat16() {
    assertNull(new CpuFeatures(Set.of("avx2", "avx512f", "avx512_bf16"), "amd64").bfloat16Problem());
    assertNull(new CpuFeatures(Set.of("avx2", "amx_bf16", "amx_tile"), "amd64").bfloat16Problem());
    assertEquals("avx512_bf16 amx_bf16", new CpuFeatures(Set.of("avx512_bf16", "amx_bf16"), "amd64").bfloat16Instructions());
  }

  @Test
  public void x86WithoutThemIsRefusedNamingTheMissingFeatures() {
    CpuFeatures avx2 = new CpuFeatures(Set.of("avx", "avx2", "fma", "f16c"), "amd64");
    assertEquals("none", avx2.bfloat16Instructions());
    String problem = avx2.bfloat16Problem();
    assertTrue(problem, problem.contains("neither avx512_bf16 nor amx_bf16") && problem.contains("use float32"));
  }

  @Test
  public void armNeedsItsBf16Extension() {
    assertNull(new CpuFeatures(Set.of("fp", "asimd", "bf16"), "aarch64").bfloat16Problem());
    String problem = new CpuFeatures(Set.of("fp", "asimd"), "aarch64").bfloat16Problem();
    assertTrue(problem, problem.contains("ARM bf16 extension"));
  }

  @Test
  public void unknownFeaturesAreRefusedSayingWhy() {
    String problem = new CpuFeatures(Set.of(), "x86_64").bfloat16Problem();
    assertTrue(problem, problem.contains("does not list its CPU's features"));
  }

  /** The engine refuses at load, before reading a weight, unless emulation is allowed (as the build allows it). */
  @Test
  public void loadRefusesEmulatedBfloat16UnlessAllowed() throws Exception {
    String problem = CpuFeatures.detect().bfloat16Problem();
    org.junit.Assume.assumeTrue("this CPU runs bfloat16 in hardware: nothing to refuse", problem != null);
    String allowed = System.clearProperty(CpuFeatures.ALLOW_EMULATED_BFLOAT16);
    try {
      IllegalArgumentException e = org.junit.Assert.assertThrows(IllegalArgumentException.class,
          () -> TimerS1Model.load(Fixtures.checkpoint(Fixtures.TINY), EngineOptions.defaults().withCompute(ComputePrecision.BFLOAT16)));
      assertEquals(problem, e.getMessage());
    } finally {
      if (allowed != null) {
        System.setProperty(CpuFeatures.ALLOW_EMULATED_BFLOAT16, allowed);
      }
    }
  }
}
