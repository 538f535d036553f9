package io.timerbeam.model.output;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class IntervalLevelsTest {
  private static final double[] TIMER_S1 = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  @Test
  public void aLevelBeyondTheQuantilesNamesTheWidestAvailable() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IntervalLevels.requireSupported("--levels", 0.95, TIMER_S1));
    assertEquals("--levels: the 95% interval needs quantiles 0.025 and 0.975 but the model's quantiles are "
        + "[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]; the widest level available is 80% "
        + "(available: 80%, 60%, 40%, 20%)", e.getMessage());
    assertFalse("no float noise in the message", e.getMessage().contains("0000"));
  }

  @Test
  public void levelsMatchTheQuantilesWithinATolerance() {
    // (1 - 0.8) / 2 is 0.09999999999999998, not 0.1
    for (double level : new double[] {0.8, 0.6, 0.4, 0.2}) {
      IntervalLevels.requireSupported("--levels", level, TIMER_S1);
    }
    assertEquals(List.of(0.8, 0.6, 0.4, 0.2), IntervalLevels.available(TIMER_S1));
  }

  @Test
  public void columnNamesCarryThePercentage() {
    assertEquals("prediction_interval_lower_bound_80", ForecastColumns.lowerBoundColumn(0.8));
    assertEquals("prediction_interval_upper_bound_97_5", ForecastColumns.upperBoundColumn(0.975));
    assertEquals("60", IntervalLevels.percent(0.6));
  }
}
