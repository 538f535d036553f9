package io.timerbeam.model.timers1;

/**
 * How many points each autoregressive pass keeps and how many TimeSTP modules it runs, for a
 * horizon: steps = 0 if need <= O, else min(num_mtp_tokens, ceil((need - O) / P)); kept =
 * min(need, O + P * num_mtp_tokens).
 */
final class PassSchedule {
  private PassSchedule() {}

  static int mtpSteps(TimerS1Config c, int need) {
    int o = c.outputTokenLength();
    return need <= o ? 0 : Math.min(c.numMtpTokens(), (need - o + c.patchLength() - 1) / c.patchLength());
  }

  static int keptPoints(TimerS1Config c, int need) {
    return Math.min(need, c.maxPointsPerPass());
  }

  /** Forward passes a horizon takes. */
  static int passes(TimerS1Config c, int horizon) {
    return (horizon + c.maxPointsPerPass() - 1) / c.maxPointsPerPass();
  }
}
