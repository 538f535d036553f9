package io.timerbeam.model.nn;

/**
 * Floating-point operations of one batched forecast, counted as 2 x the multiply-adds of every
 * matmul the engine runs (element-wise work left out), walking the same autoregressive calls as
 * the engine: each call appends its points to the context as whole patches, and with cached
 * tokens a later call runs only the tokens the previous one appended.
 */
public final class ForecastFlops {
  /** One family's forward call. */
  public interface Call {
    /** Points a call produces when {@code remaining} points are still to forecast. */
    int points(int remaining);

    /** Multiply-adds of that call over {@code fresh} new tokens of {@code batch} series attending to {@code keys} tokens. */
    double multiplyAdds(double batch, int fresh, int keys, int remaining);
  }

  private ForecastFlops() {}

  /** For {@code batch} series of {@code contextTokens} tokens each, forecasting {@code horizon} points. */
  public static double count(int batch, int contextTokens, int horizon, int patchLength, boolean cachedTokens, Call call) {
    double macs = 0;
    int tokens = contextTokens;
    int seen = 0;
    for (int produced = 0; produced < horizon; ) {
      int remaining = horizon - produced;
      int fresh = cachedTokens ? tokens - seen : tokens;
      macs += call.multiplyAdds(batch, fresh, tokens, remaining);
      int points = call.points(remaining);
      seen = tokens;
      tokens += points / patchLength;
      produced += points;
    }
    return 2 * macs;
  }
}
