package io.timerbeam.cli.plot;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The time axis of a panel, in a calendar unit chosen from the span shown (years, months, days,
 * hours, minutes or seconds, UTC): times are plotted as a count of that unit, so the axis's ticks,
 * which XChart puts at 1, 2, 5, 10 ... times a unit, fall on calendar boundaries (1 January, the
 * first of a month, midnight) at regular steps, and are labelled with the calendar value. Plotting
 * {@link java.util.Date}s instead gives ticks at fixed millisecond steps, which drift against the
 * calendar (1965, 1970, 1974, 1979). Months are counted in years from 16 months on, so that their
 * ticks step 1 or 2 months, then half years, years, 2 years ..., never 5 or 10 months; the
 * {@linkplain #tickSpacingHint spacing hint} keeps XChart from steps below a unit (half a year on
 * a year axis), whose ticks would fall between calendar boundaries.
 */
enum TimeAxis {
  YEAR(ChronoUnit.YEARS, "%1$tY"),
  MONTH(ChronoUnit.MONTHS, "%1$tY-%1$tm"),
  DAY(ChronoUnit.DAYS, "%1$tY-%1$tm-%1$td"),
  HOUR(ChronoUnit.HOURS, "%1$tm-%1$td %1$tH:00"),
  MINUTE(ChronoUnit.MINUTES, "%1$tH:%1$tM"),
  SECOND(ChronoUnit.SECONDS, "%1$tH:%1$tM:%1$tS");

  /** Fewest units the span must cover for a unit below a year. */
  static final int MIN_UNITS_SPANNED = 4;
  /** Fewest months a year axis spans: below, months (ticks 1 or 2 months apart); above, half years and up. */
  static final int MIN_MONTHS_FOR_YEARS = 16;
  /** XChart's own default pixels between x ticks, kept wherever it already gives whole-unit steps. */
  static final int DEFAULT_TICK_SPACING = 74;

  private final ChronoUnit unit;
  private final String pattern;

  TimeAxis(ChronoUnit unit, String pattern) {
    this.unit = unit;
    this.pattern = pattern;
  }

  /**
   * Years when {@code first} to {@code last} spans at least {@value #MIN_MONTHS_FOR_YEARS} months, else the
   * largest unit it spans at least {@value #MIN_UNITS_SPANNED} times.
   */
  static TimeAxis forSpan(Instant first, Instant last) {
    if (MONTH.coordinate(last) - MONTH.coordinate(first) >= MIN_MONTHS_FOR_YEARS) {
      return YEAR;
    }
    for (TimeAxis axis : values()) {
      if (axis != YEAR && axis.coordinate(last) - axis.coordinate(first) >= MIN_UNITS_SPANNED) {
        return axis;
      }
    }
    return SECOND;
  }

  /**
   * XChart's x tick spacing hint (pixels) for a panel whose plot is at most {@code plotWidth} pixels
   * wide showing {@code times}: large enough that XChart's first step is never below a unit (half a
   * year on a year axis), which it would label between calendar boundaries. XChart steps to the
   * grid step at or above the span x hint / its tick space (at most the plot width): 1 unit from
   * 0.75 on, 0.5 from 0.35 on.
   */
  int tickSpacingHint(List<Instant> times, int plotWidth) {
    double span = Math.max(coordinate(latest(times)) - coordinate(earliest(times)), 1e-9);
    double smallestStep = this == YEAR ? 0.35 : 0.75;
    return (int) Math.max(DEFAULT_TICK_SPACING, Math.ceil(smallestStep * plotWidth / span));
  }

  private static Instant earliest(List<Instant> times) {
    return times.stream().min(Instant::compareTo).orElseThrow();
  }

  private static Instant latest(List<Instant> times) {
    return times.stream().max(Instant::compareTo).orElseThrow();
  }

  /** The axis for every time of {@code times} (at least one). */
  static TimeAxis forTimes(List<Instant> times) {
    return forSpan(earliest(times), latest(times));
  }

  /** {@code time} as units since the epoch (years: the year itself); a whole number on the unit's boundaries. */
  double coordinate(Instant time) {
    LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    LocalDateTime start;
    long whole;
    switch (this) {
      case YEAR -> {
        start = t.toLocalDate().withDayOfYear(1).atStartOfDay();
        whole = t.getYear();
      }
      case MONTH -> {
        start = t.toLocalDate().withDayOfMonth(1).atStartOfDay();
        whole = t.getYear() * 12L + t.getMonthValue() - 1;
      }
      default -> {
        Duration length = unit.getDuration();
        long millis = time.toEpochMilli();
        return Math.floorDiv(millis, length.toMillis()) + Math.floorMod(millis, length.toMillis()) / (double) length.toMillis();
      }
    }
    double length = Duration.between(start, start.plus(1, unit)).toMillis();
    return whole + Duration.between(start, t).toMillis() / length;
  }

  /** The time at a whole {@code coordinate}. */
  Instant at(long coordinate) {
    return switch (this) {
      case YEAR -> LocalDateTime.of((int) coordinate, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
      case MONTH -> LocalDateTime.of((int) Math.floorDiv(coordinate, 12), (int) Math.floorMod(coordinate, 12) + 1, 1, 0, 0)
          .toInstant(ZoneOffset.UTC);
      default -> Instant.ofEpochMilli(coordinate * unit.getDuration().toMillis());
    };
  }

  /**
   * A tick's label: the calendar value at a whole coordinate; between (a half-unit step on a short
   * span) the time in the next finer unit ("1961-07" on a year axis). Never empty: XChart drops every
   * tick of an axis whose labels are not all distinct.
   */
  String label(double coordinate) {
    long whole = Math.round(coordinate);
    if (Math.abs(coordinate - whole) <= 1e-6) {
      return String.format(Locale.ROOT, pattern, LocalDateTime.ofInstant(at(whole), ZoneOffset.UTC));
    }
    long floor = (long) Math.floor(coordinate);
    Instant start = at(floor);
    long length = Duration.between(start, at(floor + 1)).toMillis();
    Instant time = start.plusMillis(Math.round((coordinate - floor) * length));
    TimeAxis finer = this == SECOND ? SECOND : values()[ordinal() + 1];
    String finerPattern = this == SECOND ? "%1$tS.%1$tL" : finer.pattern;
    return String.format(Locale.ROOT, finerPattern, LocalDateTime.ofInstant(time, ZoneOffset.UTC));
  }

  /** XChart's formatter of this axis's tick labels. */
  Function<Double, String> labels() {
    return this::label;
  }
}
