package io.timerbeam.transforms.evaluation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.timerbeam.model.series.Frequency;
import org.junit.Test;

public class SeasonalityTest {
  private static int season(String frequency) {
    return Seasonality.of(Frequency.parse(frequency));
  }

  @Test
  public void followsTheM4AndGiftEvalTable() {
    assertEquals(24, season("h"));
    assertEquals(1, season("d"));
    assertEquals(1, season("w"));
    assertEquals(12, season("month"));
    assertEquals(4, season("quarter"));
    assertEquals(1, season("year"));
    assertEquals(12, Seasonality.of(Frequency.MONTHLY));
  }

  @Test
  public void minuteStepsTakeADayOfSteps() {
    assertEquals(1440, season("min"));
    assertEquals(288, season("5min"));
    assertEquals(144, season("10min"));
    assertEquals(96, season("15min"));
    assertEquals(96, season("PT15M"));
    assertEquals(12, season("2h"));
    assertEquals(1440, season("60s"));
  }

  @Test
  public void secondStepsTakeAnHourOfSteps() {
    assertEquals(360, season("10s"));
    assertEquals(3600, season("s"));
  }

  @Test
  public void stepsThatDoNotDivideTheirCycleHaveNoSeason() {
    assertEquals(1, season("7min"));
    assertEquals(1, season("5h"));
    assertEquals(1, season("2d"));
    assertEquals(1, season("250ms"));
    assertEquals(1, Seasonality.of(Frequency.months(5)));
    assertEquals(6, Seasonality.of(Frequency.months(2)));
  }

  @Test
  public void anExplicitSeasonMustBePositive() {
    assertEquals(7, Seasonality.checked(7));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Seasonality.checked(0));
    assertEquals("season must be at least 1, got 0", e.getMessage());
  }
}
