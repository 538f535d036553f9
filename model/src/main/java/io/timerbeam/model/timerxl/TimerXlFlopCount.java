package io.timerbeam.model.timerxl;

/**
 * Floating-point operations of one batched Timer-XL forecast: 2 x the multiply-adds of every
 * matmul the engine runs (element-wise work left out), following its call schedule.
 */
final class TimerXlFlopCount {
  private TimerXlFlopCount() {}

  /** For {@code batch} series of {@code contextTokens} tokens each; {@code cachedTokens}: later calls run only new tokens. */
  static double forecast(TimerXlConfig c, int batch, int contextTokens, int horizon, boolean cachedTokens) {
    double macs = 0;
    int tokens = contextTokens;
    int seen = 0;
    for (int produced = 0; produced < horizon; ) {
      int remaining = horizon - produced;
      int o = c.outputTokenLen(c.headFor(remaining));
      int fresh = cachedTokens ? tokens - seen : tokens;
      macs += pass(c, batch, fresh, tokens, o);
      seen = tokens;
      tokens += o / c.patchLength();
      produced += Math.min(o, remaining);
    }
    return 2 * macs;
  }

  /** One call over {@code fresh} new tokens attending to {@code keys} tokens, head of {@code o} outputs. */
  private static double pass(TimerXlConfig c, double b, int fresh, int keys, int o) {
    double d = c.hiddenSize();
    double rows = b * fresh;
    double embed = rows * c.patchLength() * d;
    double layer = rows * (4 * d * d + 3 * d * c.intermediateSize()) + 2.0 * rows * keys * d;
    return embed + c.numHiddenLayers() * layer + b * d * o;
  }
}
