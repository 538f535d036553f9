package io.timerbeam.model.timerxl;

import static org.junit.Assert.assertEquals;

import io.timerbeam.model.Fixtures;
import io.timerbeam.model.checkpoint.ConfigJson;
import java.io.IOException;
import org.junit.Test;

/** The benchmark's FLOP count follows the engine's call schedule. */
public class TimerXlFlopCountTest {
  private static TimerXlConfig tiny() {
    try {
      return TimerXlConfig.of(ConfigJson.read(Fixtures.timerXl(Fixtures.TINY))); // P=8, D=32, I=64, 2 layers, O=[8]
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** One call over t new tokens attending to k keys, for one series. */
  private static double call(int t, int k) {
    double layer = t * (4.0 * 32 * 32 + 3.0 * 32 * 64) + 2.0 * t * k * 32;
    return t * 8 * 32 + 2 * layer + 32 * 8;
  }

  @Test
  public void cachedCallsCountOnlyTheirNewTokensAndWholeSeriesCallsEverything() {
    // Horizon 20 from 4 tokens: calls of 8, 8 and 4 values.
    assertEquals(2 * (call(4, 4) + call(1, 5) + call(1, 6)), TimerXlFlopCount.forecast(tiny(), 1, 4, 20, true), 0);
    assertEquals(2 * (call(4, 4) + call(5, 5) + call(6, 6)), TimerXlFlopCount.forecast(tiny(), 1, 4, 20, false), 0);
    assertEquals(3 * TimerXlFlopCount.forecast(tiny(), 1, 4, 20, true), TimerXlFlopCount.forecast(tiny(), 3, 4, 20, true), 1e-6);
  }
}
