package io.timerbeam.transforms;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The step between two points of a series: a fixed duration (seconds to weeks) or a number of
 * calendar months (month, quarter, year), whose length varies with the month. Immutable.
 */
public final class Frequency implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern FIXED = Pattern.compile("(\\d+)?\\s*(ms|s|sec|min|h|d|w)");
  private static final Pattern CALENDAR = Pattern.compile("(\\d+)?\\s*(month|quarter|year)");

  public static final Frequency MONTHLY = months(1);
  public static final Frequency QUARTERLY = months(3);
  public static final Frequency YEARLY = months(12);

  private final long fixedMillis;
  private final int months;

  private Frequency(long fixedMillis, int months) {
    this.fixedMillis = fixedMillis;
    this.months = months;
  }

  /** A fixed step; must be a positive whole number of milliseconds. */
  public static Frequency of(Duration step) {
    long millis = step.toMillis();
    if (millis <= 0 || !Duration.ofMillis(millis).equals(step)) {
      throw new IllegalArgumentException("frequency must be a positive whole number of milliseconds, got " + step);
    }
    return new Frequency(millis, 0);
  }

  /** A step of {@code count} calendar months; dates on the last day of a month stay month-end. */
  public static Frequency months(int count) {
    if (count <= 0) {
      throw new IllegalArgumentException("frequency must be a positive number of months, got " + count);
    }
    return new Frequency(0, count);
  }

  /**
   * Parses {@code "15min"}, {@code "1h"}, {@code "d"}, {@code "2w"}, {@code "30s"}, {@code "month"},
   * {@code "quarter"}, {@code "year"}, an optional count before the unit, or an ISO-8601 duration
   * such as {@code "PT15M"}.
   */
  public static Frequency parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    Matcher calendar = CALENDAR.matcher(s);
    if (calendar.matches()) {
      int count = calendar.group(1) == null ? 1 : Integer.parseInt(calendar.group(1));
      int perUnit = calendar.group(2).equals("month") ? 1 : calendar.group(2).equals("quarter") ? 3 : 12;
      return months(count * perUnit);
    }
    Matcher fixed = FIXED.matcher(s);
    if (fixed.matches()) {
      long count = fixed.group(1) == null ? 1 : Long.parseLong(fixed.group(1));
      return of(unit(fixed.group(2)).multipliedBy(count));
    }
    try {
      return of(Duration.parse(text.trim()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot parse frequency \"" + text + "\": expected e.g. 15min, 1h, d, w, month, quarter, year or PT15M");
    }
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
      case "h":
        return Duration.ofHours(1);
      case "d":
        return Duration.ofDays(1);
      default:
        return Duration.ofDays(7);
    }
  }

  public boolean isCalendar() {
    return months > 0;
  }

  /** The fixed step in milliseconds; only for non-calendar frequencies. */
  long fixedMillis() {
    return fixedMillis;
  }

  /** Months per step; only for calendar frequencies. */
  int months() {
    return months;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frequency && ((Frequency) o).fixedMillis == fixedMillis && ((Frequency) o).months == months;
  }

  @Override
  public int hashCode() {
    return Objects.hash(fixedMillis, months);
  }

  @Override
  public String toString() {
    return isCalendar() ? months + " month(s)" : Duration.ofMillis(fixedMillis).toString();
  }
}
