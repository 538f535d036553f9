package io.timerbeam.transforms.evaluation;

/**
 * The seasonal-naive baseline (each step forecast by the value one season earlier, the last
 * season repeated) and its in-sample error, the scale of MASE and MSIS.
 */
public final class SeasonalNaive {
  private SeasonalNaive() {}

  /**
   * The forecast of the {@code horizon} steps after the context: step h (1-based) gets the
   * context's value h - k*m steps after its end, k = ceil(h/m). A missing value is replaced by
   * the same season's value a season earlier, and so on; a season without any observed value
   * by the context's last observed point. A context shorter than m is forecast with m = 1.
   *
   * @param context oldest first, NaN = missing, at least one observed point
   */
  public static double[] forecast(double[] context, int season, int horizon) {
    Seasonality.checked(season);
    int n = context.length;
    int m = n >= season ? season : 1;
    double lastObserved = lastObserved(context);
    double[] out = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      int i = n - m + h % m;
      while (i >= 0 && Double.isNaN(context[i])) {
        i -= m;
      }
      out[h] = i >= 0 ? context[i] : lastObserved;
    }
    return out;
  }

  /**
   * The mean of |x_t - x_{t-m}| over the pairs of observed points m steps apart in the history
   * (the seasonal-naive in-sample MAE); m = 1 when the history is not longer than m (as gluonts
   * does). NaN when no pair is observed.
   */
  public static double scale(double[] history, int season) {
    Seasonality.checked(season);
    int m = history.length > season ? season : 1;
    double sum = 0;
    long pairs = 0;
    for (int t = m; t < history.length; t++) {
      if (!Double.isNaN(history[t]) && !Double.isNaN(history[t - m])) {
        sum += Math.abs(history[t] - history[t - m]);
        pairs++;
      }
    }
    return pairs == 0 ? Double.NaN : sum / pairs;
  }

  /**
   * Quantile forecasts of the seasonal-naive method from its in-sample residuals: level t at step h
   * is {@link #forecast}'s value plus sqrt(k) times the empirical t-quantile (linear between order
   * statistics) of the residuals x_t - x_{t-m} over the history's observed pairs, k = ceil(h / m)
   * the seasons the step lies ahead (statsforecast widens its normal bands the same way). m as in
   * {@link #scale}.
   *
   * @param levels ascending, each in (0, 1)
   * @return [level][step], each step's values ascending
   * @throws IllegalArgumentException when the history has fewer than 2 residuals
   */
  public static double[][] quantiles(double[] context, double[] history, int season, int horizon, double[] levels) {
    double[] point = forecast(context, season, horizon);
    int m = history.length > season ? season : 1;
    double[] residuals = new double[history.length];
    int count = 0;
    for (int t = m; t < history.length; t++) {
      if (!Double.isNaN(history[t]) && !Double.isNaN(history[t - m])) {
        residuals[count++] = history[t] - history[t - m];
      }
    }
    if (count < 2) {
      throw new IllegalArgumentException("seasonal naive quantiles need at least 2 residuals (observed pairs " + m
          + " steps apart) in the history of " + history.length + " step(s), found " + count);
    }
    double[] sorted = java.util.Arrays.copyOf(residuals, count);
    java.util.Arrays.sort(sorted);
    int forecastSeason = context.length >= season ? season : 1;
    double[][] out = new double[levels.length][horizon];
    for (int q = 0; q < levels.length; q++) {
      double position = levels[q] * (count - 1);
      int below = (int) Math.floor(position);
      double residual = below + 1 < count
          ? sorted[below] + (position - below) * (sorted[below + 1] - sorted[below]) : sorted[below];
      for (int h = 0; h < horizon; h++) {
        out[q][h] = point[h] + Math.sqrt((double) (h / forecastSeason + 1)) * residual;
      }
    }
    return out;
  }

  private static double lastObserved(double[] context) {
    for (int i = context.length - 1; i >= 0; i--) {
      if (!Double.isNaN(context[i])) {
        return context[i];
      }
    }
    throw new IllegalArgumentException("seasonal naive needs at least one observed point in its context of " + context.length);
  }
}
