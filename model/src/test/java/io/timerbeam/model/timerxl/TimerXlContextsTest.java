package io.timerbeam.model.timerxl;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.nio.DoubleBuffer;
import org.junit.Test;

/** The gap policy by hand: whole patches from the end, inner gaps interpolated, the last value carried. */
public class TimerXlContextsTest {
  private static final double N = Double.NaN;

  @Test
  public void theKeptWindowMayStartInsideAGapAndInterpolatesFromBeforeIt() {
    // 9 points, P = 4: the last 8 are kept; position 1 and 2 lie between 1 (position 0) and 4 (position 3).
    assertArrayEquals(new double[] {2, 3, 4, 5, 6, 7, 8, 9},
        TimerXlContexts.prepare(DoubleBuffer.wrap(new double[] {1, N, N, 4, N, 6, 7, 8, 9}), 4, 100), 1e-15);
  }

  @Test
  public void aTrailingGapCarriesTheLastValue() {
    assertArrayEquals(new double[] {3, 4, 5, 6, 7, 8, 9, 9},
        TimerXlContexts.prepare(DoubleBuffer.wrap(new double[] {1, N, N, 4, N, 6, 7, 8, 9, N}), 4, 100), 1e-15);
  }

  @Test
  public void leadingGapsAreDroppedAndTheCapCountsFromTheEnd() {
    // Cap 7: the last 7 points [N, N, 10, 11, 12, 13, 14]; from the first observed, 5 points, one patch of 4.
    assertArrayEquals(new double[] {11, 12, 13, 14},
        TimerXlContexts.prepare(DoubleBuffer.wrap(new double[] {1, 2, N, N, 10, 11, 12, 13, 14}), 4, 7), 0);
  }

  @Test
  public void aViewIsReadFromItsPositionNotTheStartOfItsMemory() {
    DoubleBuffer row = DoubleBuffer.wrap(new double[] {99, 99, 1, 2, 3, 4}).position(2).slice();
    assertArrayEquals(new double[] {1, 2, 3, 4}, TimerXlContexts.prepare(row, 4, 100), 0);
    assertEquals("3 points from the first observed one, fewer than one patch of 4 (Timer-XL reads whole patches)",
        TimerXlContexts.problem(DoubleBuffer.wrap(new double[] {N, 1, 2, 3}), 4, 100));
  }
}
