package io.timerbeam.model.timers1;

/**
 * Floating-point operations of one batched forecast, counted as 2 x the multiply-adds of every
 * matmul the engine runs (element-wise work is left out), following the same pass schedule.
 * Experts count only their routed rows (top-k), as the engine runs them.
 */
final class TimerS1FlopCount {
  private TimerS1FlopCount() {}

  /** For {@code batch} series of {@code contextTokens} tokens each, forecasting {@code horizon} points. */
  static double forecast(TimerS1Config c, int batch, int contextTokens, int horizon, boolean kvCache) {
    double macs = 0;
    int tokens = contextTokens;
    int cached = 0;
    for (int produced = 0; produced < horizon; ) {
      int need = horizon - produced;
      int steps = PassSchedule.mtpSteps(c, need);
      int fresh = kvCache ? tokens - cached : tokens;
      macs += pass(c, (double) batch, fresh, tokens, steps);
      int kept = PassSchedule.keptPoints(c, need);
      produced += kept;
      cached = tokens;
      tokens += kept / c.patchLength();
    }
    return 2 * macs;
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
