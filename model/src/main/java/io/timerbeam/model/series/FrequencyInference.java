package io.timerbeam.model.series;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;

/** Infers a series' frequency as its most common step between consecutive timestamps. */
public final class FrequencyInference {
  private static final long SHORTEST_MONTH_MILLIS = Duration.ofDays(28).toMillis();
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  private FrequencyInference() {}

  /**
   * The most common step of distinct ascending times (the smallest on a tie), read as calendar
   * months when it is at least 28 days and every point sits on that month grid, else as calendar
   * days of the zone when it is whole days and every point sits on that day grid (so a DST switch
   * keeps local-midnight points on it); null with fewer than two times.
   */
  public static Frequency infer(long[] sortedDistinctTimes, ZoneId zone) {
    if (sortedDistinctTimes.length < 2) {
      return null;
    }
    long[] steps = new long[sortedDistinctTimes.length - 1];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = sortedDistinctTimes[i + 1] - sortedDistinctTimes[i];
    }
    long step = mostCommon(steps);
    if (step >= SHORTEST_MONTH_MILLIS) {
      long[] monthSteps = new long[steps.length]; // calendar work only for series that may be monthly
      for (int i = 0; i < steps.length; i++) {
        monthSteps[i] = SeriesGrid.monthsBetween(sortedDistinctTimes[i], sortedDistinctTimes[i + 1], zone);
      }
      long months = mostCommon(monthSteps);
      if (months > 0 && months <= Integer.MAX_VALUE) {
        Frequency calendar = Frequency.months((int) months);
        if (allOnGrid(SeriesGrid.anchoredAt(calendar, zone, sortedDistinctTimes), sortedDistinctTimes)) {
          return calendar;
        }
      }
    }
    if (step % DAY_MILLIS == 0 && step / DAY_MILLIS <= Integer.MAX_VALUE) {
      Frequency days = Frequency.days((int) (step / DAY_MILLIS));
      if (allOnGrid(SeriesGrid.anchoredAt(days, zone, sortedDistinctTimes), sortedDistinctTimes)) {
        return days;
      }
    }
    return Frequency.of(Duration.ofMillis(step));
  }

  private static boolean allOnGrid(SeriesGrid grid, long[] times) {
    for (long t : times) {
      if (grid.indexOf(t) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The most frequent of the (non-empty) values, the smallest on a tie: runs of a sorted copy, nothing boxed. */
  private static long mostCommon(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    long best = sorted[0];
    int bestCount = 0;
    for (int start = 0, end; start < sorted.length; start = end) {
      end = start + 1;
      while (end < sorted.length && sorted[end] == sorted[start]) {
        end++;
      }
      if (end - start > bestCount) { // ascending: a later value of equal count is larger
        best = sorted[start];
        bestCount = end - start;
      }
    }
    return best;
  }
}
