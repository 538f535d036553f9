package io.timerbeam.model.output;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class QuantileLayoutTest {
  private static final double[] HEAD = {0.5, 0.9, 0.1, 0.025, 0.975};
  private static final double[] TIMER_S1 = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  private static QuantileLayout layout(double[] head, boolean sort, double... confidenceLevels) {
    return new QuantileLayout(head, confidenceLevels, "withLevels", sort);
  }

  @Test
  public void namesColumnsInAscendingLevelOrder() {
    QuantileLayout layout = layout(HEAD, true, 0.8);
    String[] names = new String[layout.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = layout.columnName(i);
    }
    assertArrayEquals(new String[] {"q2_5", "q10", "q50", "q90", "q97_5"}, names);
    assertEquals(2, layout.medianColumn());
    assertEquals(1, layout.lowerColumn(0));
    assertEquals(3, layout.upperColumn(0));
    assertEquals(0, layout(HEAD, true, 0.95).lowerColumn(0));
  }

  @Test
  public void eachLevelHasItsBandInTheOrderGiven() {
    QuantileLayout layout = layout(TIMER_S1, true, 0.8, 0.6, 0.2);
    assertArrayEquals(new int[] {0, 1, 3}, new int[] {layout.lowerColumn(0), layout.lowerColumn(1), layout.lowerColumn(2)});
    assertArrayEquals(new int[] {8, 7, 5}, new int[] {layout.upperColumn(0), layout.upperColumn(1), layout.upperColumn(2)});
  }

  @Test
  public void sortsEachStepUnlessRawIsAsked() {
    double[][] head = {{5}, {1}, {2}, {0}, {9}}; // q90 < q10: crossed quantiles
    assertArrayEquals(new double[] {0, 1, 2, 5, 9}, layout(HEAD, true, 0.8).step(head, 0), 0);
    assertArrayEquals(new double[] {0, 2, 5, 1, 9}, layout(HEAD, false, 0.8).step(head, 0), 0);
  }

  @Test
  public void aConfidenceLevelWithoutItsQuantilesIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new QuantileLayout(HEAD, new double[] {0.5}, "withConfidenceLevel", true));
    assertTrue(e.getMessage(), e.getMessage().contains("withConfidenceLevel(0.5)"));
  }
}
