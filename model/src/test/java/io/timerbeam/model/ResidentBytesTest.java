package io.timerbeam.model;

import static org.junit.Assert.assertEquals;

import org.junit.AfterClass;
import org.junit.Test;

/** Half-resident experts hold 2 bytes per weight, everything else 4; float32 checkpoints stay float32. */
public class ResidentBytesTest {
  private static final ModelCache MODELS = new ModelCache();

  @AfterClass
  public static void closeModels() {
    MODELS.close();
  }

  private static long expertWeights(TimerS1Config c) {
    long perDecoder = (long) c.numExperts() * 3 * c.hiddenSize() * c.expertWidth();
    return perDecoder * (c.numHiddenLayers() + c.numMtpTokens());
  }

  @Test
  public void bf16ExpertsKeepTwoBytesEach() {
    TimerS1Model float32 = MODELS.get(Fixtures.SMALL_SHARDED, TimerS1Options.defaults().withResidentPrecision(ResidentPrecision.FLOAT32));
    TimerS1Model half = MODELS.get(Fixtures.SMALL_SHARDED, TimerS1Options.defaults());
    assertEquals(4 * float32.parameterCount(), float32.residentBytes());
    assertEquals(4 * half.parameterCount() - 2 * expertWeights(half.config()), half.residentBytes());
  }

  @Test
  public void float32CheckpointAndFloat16ComputeAreUnaffected() {
    TimerS1Model tiny = MODELS.get(Fixtures.TINY, TimerS1Options.defaults());
    assertEquals(4 * tiny.parameterCount(), tiny.residentBytes());
    TimerS1Options f16 = TimerS1Options.defaults().withCompute(ComputePrecision.FLOAT16);
    assertEquals(false, f16.keepsHalfExperts());
    assertEquals(2 * MODELS.get(Fixtures.SMALL_SHARDED, f16).parameterCount(), MODELS.get(Fixtures.SMALL_SHARDED, f16).residentBytes());
  }
}
