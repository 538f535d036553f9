package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesGrid;
import io.timerbeam.model.series.Frequency;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/** Each alias parses to its frequency and steps a UTC grid from 2024-01-01 (a Monday) as pandas does. */
@RunWith(Parameterized.class)
public class FrequencyAliasTest {
  @Parameters(name = "{0}")
  public static List<Object[]> aliases() {
    return Arrays.asList(new Object[][] {
      {"D", Frequency.days(1), "2024-01-01", "2024-01-02,2024-01-03"},
      {"2D", Frequency.days(2), "2024-01-01", "2024-01-03,2024-01-05"},
      {"d", Frequency.days(1), "2024-01-01", "2024-01-02,2024-01-03"},
      {"B", Frequency.businessDays(1), "2024-01-04", "2024-01-05,2024-01-08"},
      {"W", Frequency.weeks(1, DayOfWeek.MONDAY), "2024-01-01", "2024-01-08,2024-01-15"},
      {"w", Frequency.weeks(1, DayOfWeek.MONDAY), "2024-01-01", "2024-01-08,2024-01-15"},
      {"W-MON", Frequency.weeks(1, DayOfWeek.MONDAY), "2024-01-01", "2024-01-08,2024-01-15"},
      {"W-TUE", Frequency.weeks(1, DayOfWeek.TUESDAY), "2024-01-02", "2024-01-09,2024-01-16"},
      {"W-WED", Frequency.weeks(1, DayOfWeek.WEDNESDAY), "2024-01-03", "2024-01-10,2024-01-17"},
      {"W-THU", Frequency.weeks(1, DayOfWeek.THURSDAY), "2024-01-04", "2024-01-11,2024-01-18"},
      {"W-FRI", Frequency.weeks(1, DayOfWeek.FRIDAY), "2024-01-05", "2024-01-12,2024-01-19"},
      {"W-SAT", Frequency.weeks(1, DayOfWeek.SATURDAY), "2024-01-06", "2024-01-13,2024-01-20"},
      {"W-SUN", Frequency.weeks(1, DayOfWeek.SUNDAY), "2024-01-07", "2024-01-14,2024-01-21"},
      {"2W-SUN", Frequency.weeks(2, DayOfWeek.SUNDAY), "2024-01-07", "2024-01-21,2024-02-04"},
      {"MS", Frequency.monthStarts(1), "2024-01-01", "2024-02-01,2024-03-01"},
      {"M", Frequency.monthEnds(1), "2024-01-31", "2024-02-29,2024-03-31"},
      {"QS", Frequency.monthStarts(3), "2024-01-01", "2024-04-01,2024-07-01"},
      {"Q", Frequency.monthEnds(3), "2024-03-31", "2024-06-30,2024-09-30"},
      {"month", Frequency.MONTHLY, "2024-01-15", "2024-02-15,2024-03-15"},
      {"quarter", Frequency.QUARTERLY, "2024-01-15", "2024-04-15,2024-07-15"},
      {"year", Frequency.YEARLY, "2024-01-15", "2025-01-15,2026-01-15"},
      {"ms", Frequency.of(Duration.ofMillis(1)), null, null},
      {"15min", Frequency.of(Duration.ofMinutes(15)), null, null},
      {"h", Frequency.of(Duration.ofHours(1)), null, null},
      {"30s", Frequency.of(Duration.ofSeconds(30)), null, null},
      {"P1D", Frequency.of(Duration.ofDays(1)), null, null},
    });
  }

  @Parameter(0)
  public String alias;

  @Parameter(1)
  public Frequency expected;

  @Parameter(2)
  public String first;

  @Parameter(3)
  public String nextTwo;

  private static long utcMidnight(String date) {
    return LocalDate.parse(date).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  @Test
  public void parsesAndSteps() {
    Frequency f = Frequency.parse(alias);
    assertEquals(expected, f);
    if (first != null) {
      SeriesGrid grid = SeriesGrid.anchoredAt(f, ZoneOffset.UTC, new long[] {utcMidnight(first)});
      assertEquals(0, grid.indexOf(utcMidnight(first)));
      long[] next = Arrays.stream(nextTwo.split(",")).mapToLong(FrequencyAliasTest::utcMidnight).toArray();
      assertArrayEquals(next, new long[] {grid.timeAt(1), grid.timeAt(2)});
    }
  }
}
