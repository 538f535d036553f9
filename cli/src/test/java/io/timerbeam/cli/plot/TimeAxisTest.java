package io.timerbeam.cli.plot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.lang.reflect.Method;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;
import org.knowm.xchart.internal.chartpart.Chart;
import org.junit.Test;

public class TimeAxisTest {
  @Test
  public void theUnitIsChosenFromTheSpan() {
    assertEquals(TimeAxis.YEAR, TimeAxis.forSpan(Instant.parse("1960-01-01T00:00:00Z"), Instant.parse("1986-10-01T00:00:00Z")));
    assertEquals(TimeAxis.YEAR, TimeAxis.forSpan(Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2024-05-01T00:00:00Z")));
    assertEquals(TimeAxis.MONTH, TimeAxis.forSpan(Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2024-04-30T00:00:00Z")));
    assertEquals(TimeAxis.DAY, TimeAxis.forSpan(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-12T00:00:00Z")));
    assertEquals(TimeAxis.HOUR, TimeAxis.forSpan(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-01T20:00:00Z")));
    assertEquals(TimeAxis.MINUTE, TimeAxis.forSpan(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-01T00:30:00Z")));
    assertEquals(TimeAxis.SECOND, TimeAxis.forSpan(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-03-01T00:00:02Z")));
  }

  @Test
  public void calendarBoundariesAreWholeCoordinates() {
    assertEquals(1965.0, TimeAxis.YEAR.coordinate(Instant.parse("1965-01-01T00:00:00Z")), 0);
    assertEquals(1965.5, TimeAxis.YEAR.coordinate(Instant.parse("1965-07-02T12:00:00Z")), 1e-12); // day 182.5 of 365
    assertEquals(2023 * 12 + 3, TimeAxis.MONTH.coordinate(Instant.parse("2023-04-01T00:00:00Z")), 0);
    assertEquals(Instant.parse("2023-04-01T00:00:00Z"), TimeAxis.MONTH.at(2023 * 12 + 3));
    assertEquals(Instant.parse("1969-12-31T00:00:00Z"), TimeAxis.DAY.at(-1));
    assertEquals(-0.5, TimeAxis.DAY.coordinate(Instant.parse("1969-12-31T12:00:00Z")), 0);
    assertEquals("1965", TimeAxis.YEAR.label(1965));
    assertEquals("between years, the month", "1965-07", TimeAxis.YEAR.label(1965.5));
    assertEquals("2023-04", TimeAxis.MONTH.label(2023 * 12 + 3));
    assertEquals("2024-03-05", TimeAxis.DAY.label(TimeAxis.DAY.coordinate(Instant.parse("2024-03-05T00:00:00Z"))));
    assertEquals("03-05 14:00", TimeAxis.HOUR.label(TimeAxis.HOUR.coordinate(Instant.parse("2024-03-05T14:00:00Z"))));
  }

  /**
   * The ticks XChart draws on panels spanning 4 months to 123 years and 6 to 60 days: every tick on a
   * calendar boundary that its label names (a month, or a half year on a year axis, named by its month),
   * all the same number of months (days) apart, and months 1, 2, 6, 12, 24, 60 ... apart, never 5 or
   * 10 (with Date ticks UKgas's 27 years gave 1965, 1970, 1974, 1979; the Nile's yearly points, 1875,
   * 1883, 1891; counted in months, 20 to 40 months stepped 5 months).
   */
  @Test
  public void ticksFallOnTheCalendarAtRegularSteps() throws Exception {
    for (int months : new int[] {16, 20, 24, 30, 40, 5 * 12, 10 * 12, 17 * 12, 27 * 12, 40 * 12}) {
      assertRegular(TimeAxis.YEAR, "1960-03-01T00:00:00Z", months, ChronoUnit.MONTHS);
    }
    for (int years : new int[] {6, 27, 100, 123}) { // equally spaced points: XChart would tick every k-th
      assertRegular(TimeAxis.YEAR, "1871-01-01T00:00:00Z", years, ChronoUnit.YEARS);
    }
    for (int months : new int[] {4, 6, 11, 15}) {
      assertRegular(TimeAxis.MONTH, "2021-02-01T00:00:00Z", months, ChronoUnit.MONTHS);
    }
    for (int days : new int[] {6, 20, 60}) {
      assertRegular(TimeAxis.DAY, "2024-02-20T00:00:00Z", days, ChronoUnit.DAYS);
    }
  }

  /** The x ticks XChart drew on {@code panel} (its axis is package-private: reached by reflection). */
  private static AxisTickCalculator drawnTicks(XYChart panel) throws Exception {
    BitmapEncoder.getBufferedImage(panel);
    Method xAxis = Chart.class.getDeclaredMethod("getXAxis");
    xAxis.setAccessible(true);
    Object axis = xAxis.invoke(panel);
    return (AxisTickCalculator) axis.getClass().getMethod("getAxisTickCalculator").invoke(axis);
  }

  /** The calendar boundary a tick's label names (1965, 1965-03, 1965-03-05), or null for any other label. */
  private static LocalDate calendarValue(String label) {
    if (label.matches("\\d{4}")) {
      return LocalDate.parse(label + "-01-01");
    }
    if (label.matches("\\d{4}-\\d{2}")) {
      return LocalDate.parse(label + "-01");
    }
    return label.matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(label) : null;
  }

  /** A panel of a series of {@code points} at {@code step} from {@code first}, and a one-step point forecast. */
  private static XYChart panel(Instant first, int points, ChronoUnit step) {
    List<Instant> times = new ArrayList<>();
    ZonedDateTime t = first.atZone(ZoneOffset.UTC);
    for (int i = 0; i <= points; i++) {
      times.add(t.plus(i, step).toInstant());
    }
    double[] values = times.stream().mapToDouble(x -> Math.sin(x.getEpochSecond() / 1e7)).toArray();
    SeriesPlot plot = new SeriesPlot("s", times.subList(0, points), Arrays.copyOf(values, points),
        times.subList(points, points + 1), new double[] {values[points]}, new double[0], new double[0][]);
    return FanChart.panel(plot, "value");
  }

  private static void assertRegular(TimeAxis expected, String start, int points, ChronoUnit step) throws Exception {
    Instant first = Instant.parse(start);
    XYChart panel = panel(first, points, step);
    Instant last = first.atZone(ZoneOffset.UTC).plus(points, step).toInstant();
    TimeAxis axis = TimeAxis.forSpan(first, last);
    assertEquals(points + " " + step, expected, axis);
    AxisTickCalculator ticks = drawnTicks(panel);
    String what = points + " " + step + ": ticks " + ticks.getTickLabels();
    // Months apart on a year or month axis, days on a day axis.
    ChronoUnit apartIn = axis == TimeAxis.DAY ? ChronoUnit.DAYS : ChronoUnit.MONTHS;
    List<Long> at = new ArrayList<>();
    for (String label : ticks.getTickLabels()) {
      LocalDate boundary = calendarValue(label);
      assertTrue(what + ": " + label + " names no calendar boundary", boundary != null);
      at.add(apartIn.between(LocalDate.of(1800, 1, 1), boundary));
    }
    List<Double> pixels = ticks.getTickLocations();
    for (int i = 2; i < pixels.size(); i++) {
      assertEquals("pixels between ticks " + pixels, pixels.get(1) - pixels.get(0), pixels.get(i) - pixels.get(i - 1), 1);
    }
    assertTrue(what, at.size() >= 3);
    long apart = at.get(1) - at.get(0);
    for (int i = 2; i < at.size(); i++) {
      assertEquals(what, apart, at.get(i) - at.get(i - 1));
    }
    List<Long> calendarSteps = apartIn == ChronoUnit.DAYS ? List.of(1L, 2L, 5L, 10L, 20L)
        : List.of(1L, 2L, 6L, 12L, 24L, 60L, 120L, 240L, 600L, 1200L);
    assertTrue(what + ": " + apart + " " + apartIn + " apart", calendarSteps.contains(apart));
  }
}
