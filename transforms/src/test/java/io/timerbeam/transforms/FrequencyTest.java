package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesGrid;
import io.timerbeam.model.series.FrequencyInference;
import io.timerbeam.model.series.Frequency;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.Test;

public class FrequencyTest {
  private static long day(int y, int m, int d) {
    return LocalDate.of(y, m, d).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  @Test
  public void parsesFixedAndCalendarSteps() {
    assertEquals(Frequency.of(Duration.ofMinutes(15)), Frequency.parse("15min"));
    assertEquals(Frequency.of(Duration.ofHours(1)), Frequency.parse("h"));
    assertEquals(Frequency.weeks(2, DayOfWeek.MONDAY), Frequency.parse("2w"));
    assertEquals(Frequency.of(Duration.ofSeconds(30)), Frequency.parse("PT30S"));
    assertEquals(Frequency.QUARTERLY, Frequency.parse("quarter"));
    assertEquals(Frequency.months(24), Frequency.parse("2year"));
    assertThrows(IllegalArgumentException.class, () -> Frequency.parse("fortnightly"));
  }

  @Test
  public void infersTheMostCommonStep() {
    long h = Duration.ofHours(1).toMillis();
    assertEquals(Frequency.of(Duration.ofHours(1)), FrequencyInference.infer(new long[] {0, h, 2 * h, 5 * h, 6 * h}, ZoneOffset.UTC));
    assertNull(FrequencyInference.infer(new long[] {h}, ZoneOffset.UTC));
    // A tie goes to the smaller step, in whichever order the steps come.
    assertEquals(Frequency.of(Duration.ofHours(1)), FrequencyInference.infer(new long[] {0, 2 * h, 4 * h, 5 * h, 6 * h}, ZoneOffset.UTC));
    assertEquals(Frequency.of(Duration.ofHours(1)), FrequencyInference.infer(new long[] {0, h, 2 * h, 4 * h, 6 * h}, ZoneOffset.UTC));
    assertEquals(Frequency.of(Duration.ofHours(3)), FrequencyInference.infer(new long[] {0, 3 * h, 6 * h, 8 * h, 11 * h}, ZoneOffset.UTC));
  }

  @Test
  public void infersCalendarMonthsAndQuartersEvenFromTwoPoints() {
    assertEquals(Frequency.MONTHLY, FrequencyInference.infer(new long[] {day(2024, 1, 1), day(2024, 2, 1)}, ZoneOffset.UTC));
    assertEquals(Frequency.MONTHLY, FrequencyInference.infer(new long[] {day(2024, 1, 31), day(2024, 2, 29), day(2024, 3, 31)}, ZoneOffset.UTC));
    assertEquals(Frequency.QUARTERLY, FrequencyInference.infer(new long[] {day(2023, 1, 1), day(2023, 4, 1), day(2023, 10, 1)}, ZoneOffset.UTC));
  }

  @Test
  public void fourWeeklyIsTwentyEightCalendarDays() {
    assertEquals(Frequency.days(28),
        FrequencyInference.infer(new long[] {day(2024, 1, 1), day(2024, 1, 29), day(2024, 2, 26)}, ZoneOffset.UTC));
  }

  @Test
  public void monthEndGridStaysOnMonthEnds() {
    SeriesGrid grid = SeriesGrid.anchoredAt(Frequency.MONTHLY, ZoneOffset.UTC, new long[] {day(2024, 1, 31), day(2024, 2, 29)});
    assertEquals(day(2024, 4, 30), grid.timeAt(3));
    assertEquals(day(2025, 2, 28), grid.timeAt(13));
    assertEquals(2, grid.indexOf(day(2024, 3, 31)));
    assertEquals(-1, grid.indexOf(day(2024, 3, 30)));
  }

  @Test
  public void dayOfMonthGridClampsShortMonthsWithoutDrifting() {
    SeriesGrid grid = SeriesGrid.anchoredAt(Frequency.MONTHLY, ZoneOffset.UTC, new long[] {day(2024, 1, 30)});
    assertEquals(day(2024, 2, 29), grid.timeAt(1));
    assertEquals(day(2024, 3, 30), grid.timeAt(2));
  }
}
