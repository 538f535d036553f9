package io.timerbeam.model.timers1;

import io.timerbeam.model.nn.ForecastFlops;

/**
 * Timer-S1's calls for {@link ForecastFlops}: a pass keeps up to O + P x the TimeSTP steps it runs
 * ({@link PassSchedule}); experts count only their routed rows (top-k), as the engine runs them.
 */
final class TimerS1FlopCount {
  private TimerS1FlopCount() {}

  /** For {@code batch} series of {@code contextTokens} tokens each, forecasting {@code horizon} points. */
  static double forecast(TimerS1Config c, int batch, int contextTokens, int horizon, boolean kvCache) {
    return ForecastFlops.count(batch, contextTokens, horizon, c.patchLength(), kvCache, new ForecastFlops.Call() {
      @Override
      public int points(int remaining) {
        return PassSchedule.keptPoints(c, remaining);
      }

      @Override
      public double multiplyAdds(double batch, int fresh, int keys, int remaining) {
        return pass(c, batch, fresh, keys, PassSchedule.mtpSteps(c, remaining));
      }
    });
  }

  /** Multiply-adds of one pass over {@code fresh} new tokens attending to {@code keys} tokens. */
  private static double pass(TimerS1Config c, double b, int fresh, int keys, int steps) {
    double d = c.hiddenSize();
    double rows = b * fresh;
    double qo = (double) c.numQuantiles() * c.outputTokenLength();
    double embed = rows * (2.0 * c.patchLength() * (c.intermediateSize() + d) + c.intermediateSize() * d);
    double head = b * (d * (d + qo) + d * qo);
    double layer = rows * (4 * d * d + d * d + d * c.numExperts()
        + c.numExpertsPerToken() * 3.0 * d * c.expertWidth())
        + 2.0 * b * fresh * keys * d; // scores and probabilities x values, over all heads
    double mtp = rows * 2 * d * d + layer;
    return embed + c.numHiddenLayers() * layer + head + steps * (mtp + head);
  }
}
