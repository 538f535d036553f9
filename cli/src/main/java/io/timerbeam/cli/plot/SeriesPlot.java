package io.timerbeam.cli.plot;

import java.time.Instant;
import java.util.List;

/**
 * One series to draw in a {@link FanChart}: its history and one or more forecast fans. A
 * forecast's plot has one fan after the history; a backtest's plot has the whole series (the
 * actuals included) as history and one fan per window, from the window's cutoff, shaded.
 *
 * @param forecasts at least one; those with a cutoff are backtest windows
 */
public record SeriesPlot(String id, List<Instant> historyTimes, double[] history, List<Forecast> forecasts) {

  /**
   * One fan.
   *
   * @param cutoff a backtest window's cutoff (its last point before the forecast; the window is shaded from
   *     there to its last step), or null for a forecast after the history
   * @param median the median, or the point forecast of a point forecaster (Timer-XL)
   * @param quantileLevels the levels of {@code quantiles}, ascending (for Timer-S1: 0.1 .. 0.9); empty for a point forecast
   * @param quantiles one row per level, one value per forecast step; none for a point forecast
   */
  public record Forecast(Instant cutoff, List<Instant> times, double[] median, double[] quantileLevels, double[][] quantiles) {
    public Forecast {
      String what = cutoff == null ? "the forecast" : "the window of cutoff " + cutoff;
      if (median.length != times.size() || times.isEmpty()) {
        throw new IllegalArgumentException(what + ": " + times.size() + " forecast times for a median of " + median.length
            + " (at least one step)");
      }
      if (quantiles.length != quantileLevels.length || quantiles.length == 1) {
        throw new IllegalArgumentException(what + ": need one quantile row per level, and no level (a point forecast) or at "
            + "least two (a band), got " + quantiles.length + " rows for " + quantileLevels.length + " levels");
      }
      for (double[] row : quantiles) {
        if (row.length != median.length) {
          throw new IllegalArgumentException(what + ": a quantile row has " + row.length + " steps, the median " + median.length);
        }
      }
      if (cutoff != null && !cutoff.isBefore(times.get(0))) {
        throw new IllegalArgumentException(what + ": the cutoff must come before the first step " + times.get(0));
      }
    }

    boolean isWindow() {
      return cutoff != null;
    }
  }

  public SeriesPlot {
    if (historyTimes.size() != history.length) {
      throw new IllegalArgumentException(id + ": " + historyTimes.size() + " history times for " + history.length + " values");
    }
    if (forecasts.isEmpty()) {
      throw new IllegalArgumentException(id + ": nothing to plot, no forecast");
    }
    boolean windows = forecasts.get(0).isWindow();
    if (forecasts.stream().anyMatch(f -> f.isWindow() != windows)) {
      throw new IllegalArgumentException(id + ": either a forecast or backtest windows, not both in one panel");
    }
    forecasts = List.copyOf(forecasts);
  }

  /** A forecast's plot: the history, then one fan. */
  public SeriesPlot(String id, List<Instant> historyTimes, double[] history, List<Instant> forecastTimes, double[] median,
      double[] quantileLevels, double[][] quantiles) {
    this(id, historyTimes, history, List.of(forecast(id, null, forecastTimes, median, quantileLevels, quantiles)));
  }

  /** A backtest's plot: the series' actuals, and each window's fan from its cutoff. */
  public static SeriesPlot backtest(String id, List<Instant> times, double[] actuals, List<Forecast> windows) {
    for (Forecast w : windows) {
      if (!w.isWindow()) {
        throw new IllegalArgumentException(id + ": a backtest window needs its cutoff");
      }
    }
    return new SeriesPlot(id, times, actuals, windows);
  }

  /** A fan, its errors naming the series. */
  public static Forecast forecast(String id, Instant cutoff, List<Instant> times, double[] median, double[] quantileLevels,
      double[][] quantiles) {
    try {
      return new Forecast(cutoff, times, median, quantileLevels, quantiles);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(id + ": " + e.getMessage(), e);
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
