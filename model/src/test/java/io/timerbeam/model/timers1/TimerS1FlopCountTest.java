package io.timerbeam.model.timers1;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.Fixtures;
import io.timerbeam.model.checkpoint.ConfigJson;
import org.junit.Test;

/** The benchmark's FLOP count, checked by hand on the tiny config (P16 D32 I64 E4 k2 Q9, 2 layers, 3 TimeSTP). */
public class TimerS1FlopCountTest {
  private static final TimerS1Config TINY = load();

  private static TimerS1Config load() {
    try {
      return TimerS1Config.of(ConfigJson.read(Fixtures.checkpoint(Fixtures.TINY)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  public void onePassOfOneTokenByHand() {
    double embed = 16 * 2 * (64 + 32) + 64 * 32;                  // hidden|residual, then output_layer
    double layer = 4 * 32 * 32 + 32 * 32 + 32 * 4 + 2 * 3 * 32 * 32 // qkvg, o_proj, router, 2 experts x 3 matmuls
        + 2 * 32;                                                   // scores + probabilities x values, 1 key
    double head = 32 * (32 + 9 * 16) + 32 * 9 * 16;
    assertEquals(2 * (embed + 2 * layer + head), TimerS1FlopCount.forecast(TINY, 1, 1, 16, true), 0.0);
  }

  @Test
  public void cachedPassesCountOnlyTheirNewTokens() {
    double cached = TimerS1FlopCount.forecast(TINY, 4, 32, 640, true);
    double recomputed = TimerS1FlopCount.forecast(TINY, 4, 32, 640, false);
    assertEquals(10, PassSchedule.passes(TINY, 640));
    assertTrue(cached + " < " + recomputed, cached * 3 < recomputed);
  }
}
