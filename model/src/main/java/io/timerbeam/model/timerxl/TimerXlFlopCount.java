package io.timerbeam.model.timerxl;

import io.timerbeam.model.nn.ForecastFlops;

/** Timer-XL's calls for {@link ForecastFlops}: each call runs the head {@link TimerXlConfig#headFor} picks. */
final class TimerXlFlopCount {
  private TimerXlFlopCount() {}

  /** For {@code batch} series of {@code contextTokens} tokens each; {@code cachedTokens}: later calls run only new tokens. */
  static double forecast(TimerXlConfig c, int batch, int contextTokens, int horizon, boolean cachedTokens) {
    return ForecastFlops.count(batch, contextTokens, horizon, c.patchLength(), cachedTokens, new ForecastFlops.Call() {
      @Override
      public int points(int remaining) {
        return c.outputTokenLen(c.headFor(remaining));
      }

      @Override
      public double multiplyAdds(double b, int fresh, int keys, int remaining) {
        double d = c.hiddenSize();
        double rows = b * fresh;
        double embed = rows * c.patchLength() * d;
        double layer = rows * (4 * d * d + 3 * d * c.intermediateSize()) + 2.0 * rows * keys * d;
        return embed + c.numHiddenLayers() * layer + b * d * points(remaining);
      }
    });
  }
}
