package io.timerbeam.model;

import java.nio.DoubleBuffer;

/** The engine's rules for a forecastable context, shared with callers that validate before batching. */
public final class SeriesCheck {
  private SeriesCheck() {}

  /** Why the context cannot be forecast, or null if it can. NaN marks a missing point. */
  public static String problem(double[] context) {
    return context == null ? problem(DoubleBuffer.allocate(0)) : problem(DoubleBuffer.wrap(context));
  }

  /** {@link #problem(double[])} of the buffer's remaining points, read in place. */
  public static String problem(DoubleBuffer context) {
    int length = context.remaining();
    if (length == 0) {
      return "empty series: no points";
    }
    int observed = 0;
    for (int i = 0; i < length; i++) {
      double v = context.get(context.position() + i);
      if (Double.isInfinite(v)) {
        return "non-finite value " + v + " at position " + i;
      }
      if (!Double.isNaN(v)) {
        observed++;
      }
    }
    return observed == 0 ? "all " + length + " points are missing" : null;
  }

  /** Throws if the horizon is not usable or the batch is patched differently from the model. */
  public static void checkCall(ContextBatch batch, int horizon, int patchLength) {
    String horizonProblem = horizonProblem(horizon);
    if (horizonProblem != null) {
      throw new IllegalArgumentException(horizonProblem);
    }
    if (batch.patchLength() != patchLength) {
      throw new IllegalArgumentException("batch is patched by " + batch.patchLength() + " points, the model by " + patchLength);
    }
  }

  /** Why the horizon is not usable, or null if it is. */
  public static String horizonProblem(int horizon) {
    return horizon <= 0 ? "horizon must be positive, got " + horizon : null;
  }
}
