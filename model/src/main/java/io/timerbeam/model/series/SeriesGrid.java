package io.timerbeam.model.series;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The time of every step of one series: step k is k frequencies after the anchor. Calendar steps
 * are taken on the local calendar of the time zone (a day is 23 or 25 hours across a DST switch);
 * month steps keep the anchor's day of month (clamped in short months), or the month end when the
 * series lives on month ends.
 */
public final class SeriesGrid {
  private static final long DAY_MILLIS = 86_400_000L;
  private final Frequency frequency;
  private final ZoneId zone;
  private final long anchorMillis;
  private final LocalDateTime anchor;
  private final boolean monthEnd;
  /**
   * The step in milliseconds when every step lasts the same (fixed steps; days and weeks in a
   * zone without DST), else 0: then the grid is plain arithmetic, no calendar per point.
   */
  private final long fixedStepMillis;

  private SeriesGrid(Frequency frequency, ZoneId zone, LocalDateTime anchor, boolean monthEnd) {
    this(frequency, zone, millis(anchor, zone), monthEnd);
  }

  /** Fixed grids keep the anchor instant itself: a local time is ambiguous in a DST overlap. */
  private SeriesGrid(Frequency frequency, ZoneId zone, long anchorMillis, boolean monthEnd) {
    this.frequency = frequency;
    this.zone = zone;
    this.anchorMillis = anchorMillis;
    this.anchor = local(anchorMillis, zone);
    this.monthEnd = monthEnd;
    this.fixedStepMillis = fixedStepMillis(frequency, zone);
  }

  private static long fixedStepMillis(Frequency frequency, ZoneId zone) {
    switch (frequency.unit()) {
      case MILLIS:
        return frequency.count();
      case DAYS:
        return zone.getRules().isFixedOffset() ? frequency.count() * DAY_MILLIS : 0;
      case WEEKS:
        return zone.getRules().isFixedOffset() ? frequency.count() * 7 * DAY_MILLIS : 0;
      default:
        return 0;
    }
  }

  /**
   * A grid through the first point: weekly grids move it back to the week's start day and
   * month-start/end grids to the month's first/last day (so such points are off the grid); a month
   * grid is month-end if every point is on a month end.
   */
  public static SeriesGrid anchoredAt(Frequency frequency, ZoneId zone, long[] sortedTimes) {
    LocalDateTime first = local(sortedTimes[0], zone);
    switch (frequency.unit()) {
      case MILLIS:
        return new SeriesGrid(frequency, zone, sortedTimes[0], false);
      case WEEKS:
        return new SeriesGrid(frequency, zone, first.with(TemporalAdjusters.previousOrSame(frequency.weekStart())), false);
      case MONTHS:
        switch (frequency.monthAnchor()) {
          case START:
            return new SeriesGrid(frequency, zone, first.withDayOfMonth(1), false);
          case END:
            return new SeriesGrid(frequency, zone, first.with(TemporalAdjusters.lastDayOfMonth()), true);
          default:
            boolean monthEnd = true;
            for (int i = 0; i < sortedTimes.length && monthEnd; i++) {
              monthEnd = isMonthEnd(local(sortedTimes[i], zone));
            }
            return new SeriesGrid(frequency, zone, first, monthEnd);
        }
      default:
        return new SeriesGrid(frequency, zone, first, false);
    }
  }

  /**
   * A grid of buckets covering {@code firstMillis}, for resampling: fixed steps aligned to the
   * epoch, days to local midnight, business days to the last weekday's midnight, weeks to the
   * midnight of their start day, and months to the first of the month (of the year's first
   * month-group when the step divides a year, e.g. calendar quarters).
   */
  public static SeriesGrid alignedTo(Frequency frequency, ZoneId zone, long firstMillis) {
    LocalDate first = local(firstMillis, zone).toLocalDate();
    switch (frequency.unit()) {
      case MILLIS:
        long step = frequency.count();
        return new SeriesGrid(frequency, zone, Math.floorDiv(firstMillis, step) * step, false);
      case DAYS:
        return new SeriesGrid(frequency, zone, first.atStartOfDay(), false);
      case BUSINESS_DAYS:
        while (isWeekend(first)) {
          first = first.minusDays(1);
        }
        return new SeriesGrid(frequency, zone, first.atStartOfDay(), false);
      case WEEKS:
        return new SeriesGrid(frequency, zone,
            first.with(TemporalAdjusters.previousOrSame(frequency.weekStart())).atStartOfDay(), false);
      default:
        int months = (int) frequency.count();
        int month = 12 % months == 0 ? (first.getMonthValue() - 1) / months * months + 1 : first.getMonthValue();
        return new SeriesGrid(frequency, zone, first.withMonth(month).withDayOfMonth(1).atStartOfDay(), false);
    }
  }

  public Frequency frequency() {
    return frequency;
  }

  /** The time of step {@code index}, in epoch milliseconds. */
  public long timeAt(long index) {
    if (fixedStepMillis > 0) {
      return anchorMillis + index * fixedStepMillis;
    }
    long steps = index * frequency.count();
    switch (frequency.unit()) {
      case DAYS:
        return millis(anchor.plusDays(steps), zone);
      case WEEKS:
        return millis(anchor.plusWeeks(steps), zone);
      case BUSINESS_DAYS:
        return millis(businessDay(businessOrdinal(anchor.toLocalDate()) + steps).atTime(anchor.toLocalTime()), zone);
      default:
        LocalDateTime t = anchor.plusMonths(steps);
        return millis(monthEnd ? t.with(TemporalAdjusters.lastDayOfMonth()) : t, zone);
    }
  }

  /** The step at exactly {@code millis}, or -1 if the time falls between steps. */
  public long indexOf(long millis) {
    long index = bucketOf(millis);
    return timeAt(index) == millis ? index : -1;
  }

  /** The step whose interval [time(k), time(k+1)) holds {@code millis}. */
  public long bucketOf(long millis) {
    if (fixedStepMillis > 0) {
      return Math.floorDiv(millis - anchorMillis, fixedStepMillis);
    }
    // Whole units between the local dates give the step up to one; the time of day settles it.
    long index = Math.floorDiv(unitsBetween(anchor, local(millis, zone)), frequency.count());
    while (timeAt(index) > millis) {
      index--;
    }
    while (timeAt(index + 1) <= millis) {
      index++;
    }
    return index;
  }

  private long unitsBetween(LocalDateTime from, LocalDateTime to) {
    switch (frequency.unit()) {
      case DAYS:
        return ChronoUnit.DAYS.between(from.toLocalDate(), to.toLocalDate());
      case WEEKS:
        return Math.floorDiv(ChronoUnit.DAYS.between(from.toLocalDate(), to.toLocalDate()), 7);
      case BUSINESS_DAYS:
        return businessOrdinal(to.toLocalDate()) - businessOrdinal(from.toLocalDate());
      default:
        return monthsBetween(from, to);
    }
  }

  /** Whole calendar months from one timestamp's month to another's in the zone, ignoring the day. */
  public static long monthsBetween(long fromMillis, long toMillis, ZoneId zone) {
    return monthsBetween(local(fromMillis, zone), local(toMillis, zone));
  }

  private static long monthsBetween(LocalDateTime from, LocalDateTime to) {
    return (to.getYear() - from.getYear()) * 12L + to.getMonthValue() - from.getMonthValue();
  }

  /** Weekdays counted from the Monday 1970-01-05; a weekend day counts as the following Monday. */
  private static long businessOrdinal(LocalDate date) {
    long daysFromMonday = date.toEpochDay() - 4;
    return Math.floorDiv(daysFromMonday, 7) * 5 + Math.min(Math.floorMod(daysFromMonday, 7), 5);
  }

  private static LocalDate businessDay(long ordinal) {
    return LocalDate.ofEpochDay(Math.floorDiv(ordinal, 5) * 7 + Math.floorMod(ordinal, 5) + 4);
  }

  private static boolean isWeekend(LocalDate date) {
    return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static boolean isMonthEnd(LocalDateTime t) {
    return t.getDayOfMonth() == t.toLocalDate().lengthOfMonth();
  }

  public static LocalDateTime local(long millis, ZoneId zone) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone);
  }

  private static long millis(LocalDateTime t, ZoneId zone) {
    return t.atZone(zone).toInstant().toEpochMilli();
  }

  @Override
  public String toString() {
    return frequency + " from " + Instant.ofEpochMilli(anchorMillis) + " in " + zone
        + (monthEnd ? " (month ends)" : "");
  }
}
