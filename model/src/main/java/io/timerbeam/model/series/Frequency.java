package io.timerbeam.model.series;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The step between two points of a series: a fixed duration, or a number of calendar days, business
 * days (Monday to Friday), weeks (starting on a chosen weekday) or months. Calendar steps are read in
 * the forecast's time zone, so daily points at local midnight stay on the grid across DST switches.
 * Immutable.
 */
public final class Frequency implements Serializable {
  private static final long serialVersionUID = 2L;
  /** Pandas offset aliases; case matters ({@code MS} is month start, {@code ms} milliseconds). */
  private static final Pattern ALIAS = Pattern.compile("(\\d+)?(MS|M|QS|Q|B|D|W)(?:-(MON|TUE|WED|THU|FRI|SAT|SUN))?");
  private static final Pattern FIXED = Pattern.compile("(\\d+)?\\s*(ms|s|sec|min|h)");
  private static final Pattern DAYS_OR_WEEKS = Pattern.compile("(\\d+)?\\s*(d|w)");
  private static final Pattern CALENDAR = Pattern.compile("(\\d+)?\\s*(month|quarter|year)");
  private static final Map<String, DayOfWeek> WEEKDAYS = Map.of("MON", DayOfWeek.MONDAY, "TUE", DayOfWeek.TUESDAY,
      "WED", DayOfWeek.WEDNESDAY, "THU", DayOfWeek.THURSDAY, "FRI", DayOfWeek.FRIDAY, "SAT", DayOfWeek.SATURDAY,
      "SUN", DayOfWeek.SUNDAY);

  public static final Frequency MONTHLY = months(1);
  public static final Frequency QUARTERLY = months(3);
  public static final Frequency YEARLY = months(12);

  /** What one step counts. */
  public enum Unit { MILLIS, DAYS, BUSINESS_DAYS, WEEKS, MONTHS }

  /** Where a month step lands: the first point's day of month, the 1st, or the last day. */
  public enum MonthAnchor { FIRST_POINT, START, END }

  private final Unit unit;
  private final long count;
  private final DayOfWeek weekStart;
  private final MonthAnchor monthAnchor;

  private Frequency(Unit unit, long count, DayOfWeek weekStart, MonthAnchor monthAnchor) {
    if (count <= 0) {
      throw new IllegalArgumentException("frequency must be a positive number of steps, got " + count);
    }
    this.unit = unit;
    this.count = count;
    this.weekStart = weekStart;
    this.monthAnchor = monthAnchor;
  }

  /** A fixed step; must be a positive whole number of milliseconds. */
  public static Frequency of(Duration step) {
    long millis = step.toMillis();
    if (millis <= 0 || !Duration.ofMillis(millis).equals(step)) {
      throw new IllegalArgumentException("frequency must be a positive whole number of milliseconds, got " + step);
    }
    return new Frequency(Unit.MILLIS, millis, null, null);
  }

  /** {@code count} calendar days in the forecast's time zone. */
  public static Frequency days(int count) {
    return new Frequency(Unit.DAYS, count, null, null);
  }

  /** {@code count} business days (Monday to Friday) in the forecast's time zone. */
  public static Frequency businessDays(int count) {
    return new Frequency(Unit.BUSINESS_DAYS, count, null, null);
  }

  /** {@code count} weeks, each starting on {@code weekStart}: points must fall on that weekday. */
  public static Frequency weeks(int count, DayOfWeek weekStart) {
    return new Frequency(Unit.WEEKS, count, Objects.requireNonNull(weekStart, "weekStart"), null);
  }

  /** A step of {@code count} calendar months; dates on the last day of a month stay month-end. */
  public static Frequency months(int count) {
    return new Frequency(Unit.MONTHS, count, null, MonthAnchor.FIRST_POINT);
  }

  /** {@code count} months on the first day of the month (pandas {@code MS}, {@code QS}). */
  public static Frequency monthStarts(int count) {
    return new Frequency(Unit.MONTHS, count, null, MonthAnchor.START);
  }

  /** {@code count} months on the last day of the month (pandas {@code M}, {@code Q}). */
  public static Frequency monthEnds(int count) {
    return new Frequency(Unit.MONTHS, count, null, MonthAnchor.END);
  }

  /**
   * Parses pandas aliases ({@code D}, {@code B}, {@code W}, {@code W-SUN}, {@code MS}, {@code M},
   * {@code QS}, {@code Q}), {@code "15min"}, {@code "1h"}, {@code "d"}, {@code "2w"} (weeks from
   * Monday), {@code "30s"}, {@code "month"}, {@code "quarter"}, {@code "year"}, an optional count
   * before the unit, or an ISO-8601 duration such as {@code "PT15M"} (always fixed).
   */
  public static Frequency parse(String text) {
    Matcher alias = ALIAS.matcher(text.trim());
    if (alias.matches() && (alias.group(3) == null || alias.group(2).equals("W"))) {
      return fromAlias(count(alias.group(1)), alias.group(2), alias.group(3));
    }
    String s = text.trim().toLowerCase(Locale.ROOT);
    Matcher calendar = CALENDAR.matcher(s);
    if (calendar.matches()) {
      int perUnit = calendar.group(2).equals("month") ? 1 : calendar.group(2).equals("quarter") ? 3 : 12;
      return months(count(calendar.group(1)) * perUnit);
    }
    Matcher daysOrWeeks = DAYS_OR_WEEKS.matcher(s);
    if (daysOrWeeks.matches()) {
      int count = count(daysOrWeeks.group(1));
      return daysOrWeeks.group(2).equals("d") ? days(count) : weeks(count, DayOfWeek.MONDAY);
    }
    Matcher fixed = FIXED.matcher(s);
    if (fixed.matches()) {
      long count = fixed.group(1) == null ? 1 : Long.parseLong(fixed.group(1));
      return of(unit(fixed.group(2)).multipliedBy(count));
    }
    try {
      return of(Duration.parse(text.trim()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot parse frequency \"" + text
          + "\": expected e.g. 15min, 1h, d, B, W, W-SUN, MS, M, QS, Q, month, quarter, year or PT15M");
    }
  }

  private static Frequency fromAlias(int count, String alias, String weekday) {
    switch (alias) {
      case "MS":
        return monthStarts(count);
      case "M":
        return monthEnds(count);
      case "QS":
        return monthStarts(3 * count);
      case "Q":
        return monthEnds(3 * count);
      case "B":
        return businessDays(count);
      case "D":
        return days(count);
      default:
        return weeks(count, weekday == null ? DayOfWeek.MONDAY : WEEKDAYS.get(weekday));
    }
  }

  private static int count(String digits) {
    return digits == null ? 1 : Integer.parseInt(digits);
  }

  private static Duration unit(String unit) {
    switch (unit) {
      case "ms":
        return Duration.ofMillis(1);
      case "s":
      case "sec":
        return Duration.ofSeconds(1);
      case "min":
        return Duration.ofMinutes(1);
      default:
        return Duration.ofHours(1);
    }
  }

  public Unit unit() {
    return unit;
  }

  /** Units per step: milliseconds, days, business days, weeks or months. */
  public long count() {
    return count;
  }

  /** The weekday weeks start on; only for weekly frequencies. */
  public DayOfWeek weekStart() {
    return weekStart;
  }

  /** Only for monthly frequencies. */
  public MonthAnchor monthAnchor() {
    return monthAnchor;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Frequency)) {
      return false;
    }
    Frequency f = (Frequency) o;
    return f.unit == unit && f.count == count && f.weekStart == weekStart && f.monthAnchor == monthAnchor;
  }

  @Override
  public int hashCode() {
    return Objects.hash(unit, count, weekStart, monthAnchor);
  }

  @Override
  public String toString() {
    switch (unit) {
      case MILLIS:
        return Duration.ofMillis(count).toString();
      case WEEKS:
        return count + " week(s) from " + weekStart;
      case MONTHS:
        return count + " month(s)" + (monthAnchor == MonthAnchor.FIRST_POINT ? "" : " at month " + monthAnchor.name().toLowerCase(Locale.ROOT));
      default:
        return count + " " + unit.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }
}
