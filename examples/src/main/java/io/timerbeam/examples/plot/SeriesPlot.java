package io.timerbeam.examples.plot;

import java.time.Instant;
import java.util.List;

/**
 * One series to draw in a {@link FanChart}: its history and its forecast quantiles.
 *
 * @param median the median, or the point forecast of a point forecaster (Timer-XL)
 * @param quantileLevels the levels of {@code quantiles}, ascending (for Timer-S1: 0.1 .. 0.9); empty for a point forecast
 * @param quantiles one row per level, one value per forecast step; none for a point forecast
 */
public record SeriesPlot(
    String id,
    List<Instant> historyTimes,
    double[] history,
    List<Instant> forecastTimes,
    double[] median,
    double[] quantileLevels,
    double[][] quantiles) {

  public SeriesPlot {
    if (historyTimes.size() != history.length) {
      throw new IllegalArgumentException(id + ": " + historyTimes.size() + " history times for " + history.length + " values");
    }
    if (median.length != forecastTimes.size()) {
      throw new IllegalArgumentException(id + ": " + forecastTimes.size() + " forecast times for a median of " + median.length);
    }
    if (quantiles.length != quantileLevels.length || quantiles.length == 1) {
      throw new IllegalArgumentException(id + ": need one quantile row per level, and no level (a point forecast) or at least two (a band), got "
          + quantiles.length + " rows for " + quantileLevels.length + " levels");
    }
    for (double[] row : quantiles) {
      if (row.length != median.length) {
        throw new IllegalArgumentException(id + ": a quantile row has " + row.length + " steps, the median " + median.length);
      }
    }
  }

  /**
   * From one series of a model forecast ({@code float[quantile][step]}, as in one element of
   * {@code TimerS1Model.forecast}), taking the 0.5 level as the median.
   */
  public static SeriesPlot fromForecast(String id, List<Instant> historyTimes, double[] history, List<Instant> forecastTimes,
      double[] quantileLevels, float[][] forecast) {
    double[][] quantiles = new double[forecast.length][];
    int medianRow = -1;
    for (int q = 0; q < forecast.length; q++) {
      quantiles[q] = new double[forecast[q].length];
      for (int t = 0; t < forecast[q].length; t++) {
        quantiles[q][t] = forecast[q][t];
      }
      if (Math.abs(quantileLevels[q] - 0.5) < 1e-9) {
        medianRow = q;
      }
    }
    if (medianRow < 0) {
      throw new IllegalArgumentException(id + ": the quantile levels have no 0.5 for the median");
    }
    return new SeriesPlot(id, historyTimes, history, forecastTimes, quantiles[medianRow], quantileLevels, quantiles);
  }
}
