package io.timerbeam.transforms.evaluation;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class SeasonalNaiveTest {
  private static final double NAN = Double.NaN;

  @Test
  public void repeatsTheLastSeason() {
    double[] context = {1, 2, 3, 4, 5, 6, 7, 8};
    assertArrayEquals(new double[] {5, 6, 7, 8, 5, 6}, SeasonalNaive.forecast(context, 4, 6), 0);
    assertArrayEquals(new double[] {8, 8, 8}, SeasonalNaive.forecast(context, 1, 3), 0);
  }

  @Test
  public void aContextOfExactlyOneSeasonIsEnoughAndAShorterOneFallsBackToNaive() {
    assertArrayEquals(new double[] {1, 2, 3, 1}, SeasonalNaive.forecast(new double[] {1, 2, 3}, 3, 4), 0);
    assertArrayEquals(new double[] {3, 3}, SeasonalNaive.forecast(new double[] {1, 2, 3}, 4, 2), 0);
  }

  @Test
  public void aMissingValueTakesTheSameSeasonEarlierOrElseTheLastObserved() {
    assertArrayEquals(new double[] {5, 2, 7, 8}, SeasonalNaive.forecast(new double[] {1, 2, 3, 4, 5, NAN, 7, 8}, 4, 4), 0);
    // The second season position is never observed: the last observed point (7) stands in.
    assertArrayEquals(new double[] {5, 7, 7, 4}, SeasonalNaive.forecast(new double[] {1, NAN, 3, 4, 5, NAN, 7, NAN}, 4, 4), 0);
  }

  @Test
  public void aContextWithoutObservedPointIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SeasonalNaive.forecast(new double[] {NAN, NAN}, 1, 1));
    assertTrue(e.getMessage(), e.getMessage().contains("at least one observed point"));
  }

  @Test
  public void scaleIsTheMeanSeasonalDifferenceOverObservedPairs() {
    double[] history = {1, 3, NAN, 4, 8, 6};
    // m = 2: pairs (t=3: |4-3|) and (t=5: |6-4|); the pairs with the NaN are skipped.
    assertEquals(1.5, SeasonalNaive.scale(history, 2), 1e-12);
    // m = 1: |3-1|, |8-4|, |6-8|.
    assertEquals(8.0 / 3, SeasonalNaive.scale(history, 1), 1e-12);
    // A history not longer than m falls back to m = 1.
    assertEquals(8.0 / 3, SeasonalNaive.scale(history, 6), 1e-12);
    assertEquals(0, SeasonalNaive.scale(new double[] {3, 3, 3}, 1), 0);
    assertTrue(Double.isNaN(SeasonalNaive.scale(new double[] {NAN, 1, NAN}, 1)));
    assertTrue(Double.isNaN(SeasonalNaive.scale(new double[] {1}, 1)));
  }
}
