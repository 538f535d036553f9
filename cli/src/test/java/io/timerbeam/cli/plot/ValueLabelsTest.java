package io.timerbeam.cli.plot;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ValueLabelsTest {
  @Test
  public void keepsTheLeadingZeroGroupsThousandsAndDropsBinaryNoise() {
    assertEquals("0.09", ValueLabels.format(0.09));
    assertEquals("-0.5", ValueLabels.format(-0.5));
    assertEquals("0", ValueLabels.format(0));
    assertEquals("0.3", ValueLabels.format(0.1 * 3)); // 0.30000000000000004
    assertEquals("2,000", ValueLabels.format(2000));
    assertEquals("1,500.5", ValueLabels.format(1500.5));
    assertEquals("0.0002", ValueLabels.format(0.0002));
  }

  @Test
  public void farFromOneItIsScientific() {
    assertEquals("1.5E-8", ValueLabels.format(1.5e-8));
    assertEquals("2.5E+7", ValueLabels.format(2.5e7));
    assertEquals("1E+30", ValueLabels.format(1e30));
  }
}
