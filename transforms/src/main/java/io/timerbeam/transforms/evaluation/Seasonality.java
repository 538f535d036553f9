package io.timerbeam.transforms.evaluation;

import io.timerbeam.model.series.Frequency;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The season length m of the seasonal-naive baseline and of the MASE/MSIS scale, from the
 * series' frequency as the M4 competition and GIFT-Eval (gluonts' seasonality table) take it:
 * a day of minute steps (1440/n for n-minute steps, so hourly 24), an hour of second steps
 * (3600/n), a year of calendar months (monthly 12, quarterly 4, yearly 1), and 1 for days,
 * weeks and any step that does not divide its cycle.
 */
public final class Seasonality {
  private static final int MINUTES_PER_DAY = 1440;
  private static final int SECONDS_PER_HOUR = 3600;
  private static final int MONTHS_PER_YEAR = 12;
  private static final Map<Frequency, Integer> SEASONS = seasons();

  private Seasonality() {}

  /** The season length for series of this frequency (1 for frequencies without one). */
  public static int of(Frequency frequency) {
    return SEASONS.getOrDefault(frequency, 1);
  }

  /** An explicit season length, as {@code withSeason(m)} takes it. */
  public static int checked(int season) {
    if (season < 1) {
      throw new IllegalArgumentException("season must be at least 1, got " + season);
    }
    return season;
  }

  private static Map<Frequency, Integer> seasons() {
    Map<Frequency, Integer> seasons = new HashMap<>();
    // Seconds first so that whole minutes (60 s = 1 min) take the minutes' rule below.
    for (int n = 1; n <= SECONDS_PER_HOUR; n++) {
      if (SECONDS_PER_HOUR % n == 0) {
        seasons.put(Frequency.of(Duration.ofSeconds(n)), SECONDS_PER_HOUR / n);
      }
    }
    for (int n = 1; n <= MINUTES_PER_DAY; n++) {
      if (MINUTES_PER_DAY % n == 0) {
        seasons.put(Frequency.of(Duration.ofMinutes(n)), MINUTES_PER_DAY / n);
      }
    }
    for (int n = 1; n <= MONTHS_PER_YEAR; n++) {
      if (MONTHS_PER_YEAR % n == 0) {
        seasons.put(Frequency.months(n), MONTHS_PER_YEAR / n);
        seasons.put(Frequency.monthStarts(n), MONTHS_PER_YEAR / n);
        seasons.put(Frequency.monthEnds(n), MONTHS_PER_YEAR / n);
      }
    }
    return Map.copyOf(seasons);
  }
}
