package io.timerbeam.io.files;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class CsvNumbersTest {
  @Test
  public void aFloat32ValuePrintsAsTheFloatsShortestForm() {
    assertEquals("82.37238", CsvNumbers.format((double) 82.37238f));
    assertEquals("-0.5", CsvNumbers.format(-0.5));
    assertEquals("3.0", CsvNumbers.format(3));
  }

  @Test
  public void aDoubleThatIsNoFloatKeepsItsOwnShortestForm() {
    assertEquals("0.1", CsvNumbers.format(0.1));
    assertEquals("82.37237548828126", CsvNumbers.format(82.37237548828126));
  }

  @Test
  public void ordinaryMagnitudesHaveNoExponent() {
    assertEquals("12345678", CsvNumbers.format((double) 12345678f));
    assertEquals("0.0001234", CsvNumbers.format((double) 0.0001234f));
    assertEquals("1.0E20", CsvNumbers.format(1e20));
    assertEquals("NaN", CsvNumbers.format(Double.NaN));
  }

  @Test
  public void everyFormRoundTripsToTheSameDouble() {
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 10_000; i++) {
      double d = (double) (float) (random.nextGaussian() * Math.pow(10, random.nextInt(12) - 4));
      assertEquals(d, (double) Float.parseFloat(CsvNumbers.format(d)), 0);
    }
  }
}
