package io.timerbeam.transforms;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * The time of every step of one series: step k is k frequencies after the anchor (UTC). Calendar
 * steps keep the anchor's day of month (clamped in short months), or the month end when the
 * series lives on month ends.
 */
final class SeriesGrid {
  private final Frequency frequency;
  private final long anchorMillis;
  private final LocalDateTime anchor;
  private final boolean monthEnd;

  private SeriesGrid(Frequency frequency, long anchorMillis, boolean monthEnd) {
    this.frequency = frequency;
    this.anchorMillis = anchorMillis;
    this.anchor = utc(anchorMillis);
    this.monthEnd = monthEnd;
  }

  /** A grid whose step 0 is the first point; month-end if every point is on a month end. */
  static SeriesGrid anchoredAt(Frequency frequency, long[] sortedTimes) {
    boolean monthEnd = frequency.isCalendar();
    for (int i = 0; i < sortedTimes.length && monthEnd; i++) {
      monthEnd = isMonthEnd(utc(sortedTimes[i]));
    }
    return new SeriesGrid(frequency, sortedTimes[0], monthEnd);
  }

  /**
   * A grid of buckets aligned to the epoch (fixed steps) or to month starts (calendar steps),
   * covering {@code firstMillis}; for resampling.
   */
  static SeriesGrid alignedTo(Frequency frequency, long firstMillis) {
    if (frequency.isCalendar()) {
      LocalDateTime first = utc(firstMillis);
      long monthStart = first.toLocalDate().withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
      return new SeriesGrid(frequency, monthStart, false);
    }
    long step = frequency.fixedMillis();
    return new SeriesGrid(frequency, Math.floorDiv(firstMillis, step) * step, false);
  }

  Frequency frequency() {
    return frequency;
  }

  /** The time of step {@code index}, in epoch milliseconds. */
  long timeAt(long index) {
    if (!frequency.isCalendar()) {
      return anchorMillis + index * frequency.fixedMillis();
    }
    LocalDateTime t = anchor.plusMonths(index * frequency.months());
    if (monthEnd) {
      t = t.with(TemporalAdjusters.lastDayOfMonth());
    }
    return t.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** The step at exactly {@code millis}, or -1 if the time falls between steps. */
  long indexOf(long millis) {
    long index = bucketOf(millis);
    return timeAt(index) == millis ? index : -1;
  }

  /** The step whose interval [time(k), time(k+1)) holds {@code millis}. */
  long bucketOf(long millis) {
    if (!frequency.isCalendar()) {
      return Math.floorDiv(millis - anchorMillis, frequency.fixedMillis());
    }
    long index = Math.floorDiv(monthsBetween(anchor, utc(millis)), frequency.months());
    return timeAt(index) > millis ? index - 1 : index;
  }

  /** Whole calendar months from one timestamp's month to another's, ignoring the day. */
  static long monthsBetween(long fromMillis, long toMillis) {
    return monthsBetween(utc(fromMillis), utc(toMillis));
  }

  private static long monthsBetween(LocalDateTime from, LocalDateTime to) {
    return (to.getYear() - from.getYear()) * 12L + to.getMonthValue() - from.getMonthValue();
  }

  private static boolean isMonthEnd(LocalDateTime t) {
    return t.getDayOfMonth() == t.toLocalDate().lengthOfMonth();
  }

  static LocalDateTime utc(long millis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  @Override
  public String toString() {
    return frequency + " from " + Instant.ofEpochMilli(anchorMillis) + (monthEnd ? " (month ends)" : "");
  }
}
