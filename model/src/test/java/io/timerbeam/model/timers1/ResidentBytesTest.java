package io.timerbeam.model.timers1;

import static org.junit.Assert.assertEquals;

import io.timerbeam.model.ComputePrecision;
import io.timerbeam.model.EngineOptions;
import io.timerbeam.model.Fixtures;
import io.timerbeam.model.ResidentPrecision;
import org.junit.AfterClass;
import org.junit.Test;

/** Half-resident experts hold 2 bytes per weight, everything else 4; float32 checkpoints stay float32. */
public class ResidentBytesTest {
  private static final S1Models MODELS = new S1Models();

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
    TimerS1Model float32 = MODELS.get(Fixtures.SMALL_SHARDED, EngineOptions.defaults().withResidentPrecision(ResidentPrecision.FLOAT32));
    TimerS1Model half = MODELS.get(Fixtures.SMALL_SHARDED, EngineOptions.defaults());
    assertEquals(4 * float32.parameterCount(), float32.residentBytes());
    assertEquals(4 * half.parameterCount() - 2 * expertWeights(half.config()), half.residentBytes());
  }

  /** bfloat16 compute keeps every matmul weight at 2 bytes: experts, q|k|v|gate with its bias, o_proj, TimeSTP projections. */
  @Test
  public void bfloat16ComputeHoldsItsMatmulWeightsAtTwoBytes() {
    for (String fixture : new String[] {Fixtures.TINY, Fixtures.SMALL_SHARDED}) {
      TimerS1Model m = MODELS.get(fixture, EngineOptions.defaults().withCompute(ComputePrecision.BFLOAT16));
      TimerS1Config c = m.config();
      long d = c.hiddenSize();
      long attention = (4 * d * d + 4 * d + d * d) * (c.numHiddenLayers() + c.numMtpTokens());
      long projections = 2 * d * d * c.numMtpTokens();
      long bfloat16 = expertWeights(c) + attention + projections;
      assertEquals(fixture, 4 * m.parameterCount() - 2 * bfloat16, m.residentBytes());
    }
  }

  @Test
  public void float32CheckpointAndFloat16ComputeAreUnaffected() {
    TimerS1Model tiny = MODELS.get(Fixtures.TINY, EngineOptions.defaults());
    assertEquals(4 * tiny.parameterCount(), tiny.residentBytes());
    EngineOptions f16 = EngineOptions.defaults().withCompute(ComputePrecision.FLOAT16);
    assertEquals(false, f16.keepsHalfExperts());
    assertEquals(2 * MODELS.get(Fixtures.SMALL_SHARDED, f16).parameterCount(), MODELS.get(Fixtures.SMALL_SHARDED, f16).residentBytes());
  }
}
