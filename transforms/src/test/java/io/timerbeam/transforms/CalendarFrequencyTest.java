package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesRejection;
import io.timerbeam.model.series.SeriesPoints;
import io.timerbeam.model.series.Aggregation;
import io.timerbeam.model.series.Frequency;
import io.timerbeam.model.output.FailureCodes;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** Calendar days, weeks and months stepped on a time zone's local calendar. */
public class CalendarFrequencyTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Row ID = Row.withSchema(Schema.builder().addStringField("id").build()).addValue("a").build();

  private static long midnight(LocalDate date, ZoneId zone) {
    return date.atStartOfDay(zone).toInstant().toEpochMilli();
  }

  /** Daily points at Berlin midnight for {@code days} days from {@code first}. */
  private static SeriesPoints dailyAtMidnight(LocalDate first, int days, ZoneId zone) {
    SeriesPoints points = new SeriesPoints(1000);
    for (int d = 0; d < days; d++) {
      points.add(midnight(first.plusDays(d), zone), d + 1);
    }
    return points;
  }

  private static AssembledContext assemble(Frequency f, ZoneId zone, Aggregation resampling, SeriesPoints points)
      throws SeriesRejection {
    return new AssemblyRules(f, zone, null, resampling, 3, 1000, 3).assemble(ID, points);
  }

  private static long[] midnights(LocalDate first, int days, ZoneId zone) {
    long[] t = new long[days];
    for (int d = 0; d < days; d++) {
      t[d] = midnight(first.plusDays(d), zone);
    }
    return t;
  }

  @Test
  public void berlinMarchSwitchKeepsLocalMidnightsOnTheGridAndForecastsAtLocalMidnight() throws Exception {
    // 2024-03-31 has 23 hours in Berlin: the steps across it are 23 h, not 24 h.
    for (Frequency f : new Frequency[] {Frequency.parse("d"), null}) {
      AssembledContext c = assemble(f, BERLIN, null, dailyAtMidnight(LocalDate.of(2024, 3, 25), 10, BERLIN));
      assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, c.values(), 0);
      assertArrayEquals(midnights(LocalDate.of(2024, 4, 4), 3, BERLIN), c.forecastMillis());
    }
  }

  @Test
  public void berlinOctoberSwitchKeepsLocalMidnightsOnTheGridAndForecastsAtLocalMidnight() throws Exception {
    // The forecast crosses 2024-10-27 (25 hours): it stays at local midnight, 23:00 UTC after it.
    AssembledContext c = assemble(Frequency.parse("D"), BERLIN, null, dailyAtMidnight(LocalDate.of(2024, 10, 16), 10, BERLIN));
    assertEquals(10, c.values().length);
    long[] expected = midnights(LocalDate.of(2024, 10, 26), 3, BERLIN);
    assertArrayEquals(expected, c.forecastMillis());
    assertEquals(LocalDateTime.of(2024, 10, 27, 23, 0),
        LocalDateTime.ofEpochSecond(c.forecastMillis()[2] / 1000, 0, ZoneOffset.UTC));
  }

  @Test
  public void inUtcBerlinMidnightsAcrossTheSwitchAreOffTheDayGrid() {
    SeriesRejection e = assertThrows(SeriesRejection.class,
        () -> assemble(Frequency.parse("d"), ZoneOffset.UTC, null, dailyAtMidnight(LocalDate.of(2024, 3, 25), 10, BERLIN)));
    assertEquals(FailureCodes.OFF_GRID, e.code());
  }

  @Test
  public void weeksStartOnMondayByDefaultAndOnTheChosenWeekday() throws Exception {
    assertEquals(Frequency.weeks(1, DayOfWeek.MONDAY), Frequency.parse("W"));
    assertEquals(Frequency.parse("W-MON"), Frequency.parse("w"));
    SeriesPoints mondays = new SeriesPoints(1000);
    SeriesPoints sundays = new SeriesPoints(1000);
    for (int w = 0; w < 4; w++) {
      mondays.add(midnight(LocalDate.of(2024, 1, 1).plusWeeks(w), ZoneOffset.UTC), w); // 2024-01-01 is a Monday
      sundays.add(midnight(LocalDate.of(2024, 1, 7).plusWeeks(w), ZoneOffset.UTC), w);
    }
    AssembledContext c = assemble(Frequency.parse("W-MON"), ZoneOffset.UTC, null, mondays);
    assertEquals(midnight(LocalDate.of(2024, 1, 29), ZoneOffset.UTC), c.forecastMillis()[0]);
    assertEquals(4, assemble(Frequency.parse("W-SUN"), ZoneOffset.UTC, null, sundays).values().length);
    assertEquals(FailureCodes.OFF_GRID, assertThrows(SeriesRejection.class,
        () -> assemble(Frequency.parse("W"), ZoneOffset.UTC, null, sundays)).code());
    assertEquals(FailureCodes.OFF_GRID, assertThrows(SeriesRejection.class,
        () -> assemble(Frequency.parse("W-SUN"), ZoneOffset.UTC, null, mondays)).code());
  }

  @Test
  public void weeklyResamplingBucketsFromTheWeekStartDay() throws Exception {
    // Daily points 2024-01-03 (Wed) .. 2024-01-16 (Tue): Monday weeks are [Jan 1, Jan 8, Jan 15].
    SeriesPoints daily = dailyAtMidnight(LocalDate.of(2024, 1, 3), 14, ZoneOffset.UTC);
    AssembledContext monday = assemble(Frequency.parse("W"), ZoneOffset.UTC, Aggregation.SUM, daily);
    assertArrayEquals(new double[] {1 + 2 + 3 + 4 + 5, 6 + 7 + 8 + 9 + 10 + 11 + 12, 13 + 14}, monday.values(), 0);
    assertEquals(midnight(LocalDate.of(2024, 1, 22), ZoneOffset.UTC), monday.forecastMillis()[0]);
    // Sunday weeks: [Dec 31, Jan 7, Jan 14].
    AssembledContext sunday = assemble(Frequency.parse("W-SUN"), ZoneOffset.UTC, Aggregation.SUM,
        dailyAtMidnight(LocalDate.of(2024, 1, 3), 14, ZoneOffset.UTC));
    assertArrayEquals(new double[] {1 + 2 + 3 + 4, 5 + 6 + 7 + 8 + 9 + 10 + 11, 12 + 13 + 14}, sunday.values(), 0);
    assertEquals(midnight(LocalDate.of(2024, 1, 21), ZoneOffset.UTC), sunday.forecastMillis()[0]);
  }

  @Test
  public void weeklyResamplingInBerlinBucketsFromLocalMondayMidnight() throws Exception {
    AssembledContext c = assemble(Frequency.parse("W"), BERLIN, Aggregation.SUM,
        dailyAtMidnight(LocalDate.of(2024, 3, 25), 21, BERLIN));
    assertArrayEquals(new double[] {28, 77, 126}, c.values(), 0); // 1..7, 8..14, 15..21
    assertEquals(midnight(LocalDate.of(2024, 4, 15), BERLIN), c.forecastMillis()[0]);
  }

  @Test
  public void businessDaysSkipWeekends() throws Exception {
    SeriesPoints weekdays = new SeriesPoints(1000);
    for (LocalDate d : List.of(LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 4), LocalDate.of(2024, 1, 5),
        LocalDate.of(2024, 1, 8))) {
      weekdays.add(midnight(d, BERLIN), 1);
    }
    AssembledContext c = assemble(Frequency.parse("B"), BERLIN, null, weekdays);
    assertEquals(4, c.values().length);
    assertArrayEquals(new long[] {midnight(LocalDate.of(2024, 1, 9), BERLIN), midnight(LocalDate.of(2024, 1, 10), BERLIN),
        midnight(LocalDate.of(2024, 1, 11), BERLIN)}, c.forecastMillis());
  }
}
