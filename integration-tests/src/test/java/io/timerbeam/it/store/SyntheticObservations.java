package io.timerbeam.it.store;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * Deterministic daily series as CSV rows (series_id, ts, value) for PostgreSQL's COPY: weekly
 * seasonality, trend and noise, about 3% missing values (empty field), lengths varying per series.
 * Every {@link #BAD_SERIES_EVERY}-th series has only two observations, so the transform fails it
 * (too_few_observations) and the counts must reconcile across both outputs.
 */
public final class SyntheticObservations {
  public static final int BAD_SERIES_EVERY = 250;
  private static final LocalDate END = LocalDate.of(2025, 6, 30);

  private static final LocalDateTime LONG_SERIES_END = END.atStartOfDay();

  private final int seriesCount;
  private final int minLength;
  private final int maxLength;
  private final int longSeriesPoints;

  public SyntheticObservations(int seriesCount, int minLength, int maxLength) {
    this(seriesCount, minLength, maxLength, 0);
  }

  private SyntheticObservations(int seriesCount, int minLength, int maxLength, int longSeriesPoints) {
    this.seriesCount = seriesCount;
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.longSeriesPoints = longSeriesPoints;
  }

  /**
   * The same series plus one more, {@code long_series}, of {@code points} minutely points (daily
   * points that many would predate what a TIMESTAMP column holds).
   */
  public SyntheticObservations withLongSeries(int points) {
    return new SyntheticObservations(seriesCount, minLength, maxLength, points);
  }

  /** Every series, the long one included. */
  public int totalSeriesCount() {
    return seriesCount + (longSeriesPoints > 0 ? 1 : 0);
  }

  public int seriesCount() {
    return seriesCount;
  }

  public int badSeriesCount() {
    return (seriesCount + BAD_SERIES_EVERY - 1) / BAD_SERIES_EVERY;
  }

  public int goodSeriesCount() {
    return seriesCount - badSeriesCount();
  }

  void writeCsv(Writer out) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int s = 0; s < seriesCount; s++) {
      SplittableRandom random = new SplittableRandom(s);
      boolean bad = s % BAD_SERIES_EVERY == 0;
      int length = bad ? 2 : minLength + random.nextInt(maxLength - minLength + 1);
      LocalDate end = END.minusDays(random.nextInt(30)); // context ends differ per series
      double level = 10 + random.nextDouble() * 1000;
      double trend = random.nextDouble() - 0.5;
      for (int t = 0; t < length; t++) {
        line.setLength(0);
        line.append(String.format("s%07d", s)).append(',').append(end.minusDays(length - 1 - t)).append(',');
        if (bad || random.nextDouble() >= 0.03) {
          double season = Math.sin(2 * Math.PI * t / 7) * level * 0.2;
          line.append(level + trend * t + season + random.nextGaussian() * level * 0.05);
        }
        out.append(line).append('\n');
      }
    }
    for (int t = 0; t < longSeriesPoints; t++) {
      line.setLength(0);
      line.append("long_series,").append(LONG_SERIES_END.minusMinutes(longSeriesPoints - 1 - t)).append(',')
          .append(100 + Math.sin(2 * Math.PI * t / 1440) * 10);
      out.append(line).append('\n');
    }
  }
}
