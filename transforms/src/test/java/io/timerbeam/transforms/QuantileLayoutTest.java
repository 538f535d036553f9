package io.timerbeam.transforms;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class QuantileLayoutTest {
  private static final double[] HEAD = {0.5, 0.9, 0.1, 0.025, 0.975};

  @Test
  public void namesColumnsInAscendingLevelOrder() {
    QuantileLayout layout = new QuantileLayout(HEAD, 0.8, true);
    String[] names = new String[layout.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = layout.columnName(i);
    }
    assertArrayEquals(new String[] {"q2_5", "q10", "q50", "q90", "q97_5"}, names);
    assertEquals(2, layout.medianColumn());
    assertEquals(1, layout.lowerColumn());
    assertEquals(3, layout.upperColumn());
    assertEquals(0, new QuantileLayout(HEAD, 0.95, true).lowerColumn());
  }

  @Test
  public void sortsEachStepUnlessRawIsAsked() {
    float[][] head = {{5}, {1}, {2}, {0}, {9}}; // q90 < q10: crossed quantiles
    assertArrayEquals(new double[] {0, 1, 2, 5, 9}, new QuantileLayout(HEAD, 0.8, true).step(head, 0), 0);
    assertArrayEquals(new double[] {0, 2, 5, 1, 9}, new QuantileLayout(HEAD, 0.8, false).step(head, 0), 0);
  }

  @Test
  public void aConfidenceLevelWithoutItsQuantilesIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QuantileLayout(HEAD, 0.5, true));
    assertTrue(e.getMessage(), e.getMessage().contains("withConfidenceLevel(0.5)"));
  }
}
