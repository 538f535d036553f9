package io.timerbeam.model.timerxl;

import io.timerbeam.model.SeriesCheck;
import java.util.Arrays;

/**
 * The library's policy for turning a raw context (NaN = missing) into the gap-free points Timer-XL
 * reads; the Hugging Face code has no mask channel and defines none of this. In order:
 * <ol>
 *   <li>keep the most recent {@code maxContext} points (the option's cap);
 *   <li>drop the missing points before the first observed one;
 *   <li>fill each gap between observed points by linear interpolation, and trailing missing points
 *       with the last observed value (so the forecast still starts right after the context's end);
 *   <li>fewer than P points left is an error (no left padding: Timer-XL has no mask channel);
 *   <li>keep the most recent floor(L / P) * P points, as the Hugging Face code does.
 * </ol>
 */
final class TimerXlContexts {
  private TimerXlContexts() {}

  /** Why the context cannot be forecast, or null if it can. */
  static String problem(double[] context, int patchLength, int maxContext) {
    String problem = SeriesCheck.problem(context);
    if (problem != null) {
      return problem;
    }
    double[] recent = mostRecent(context, maxContext);
    int first = firstObserved(recent);
    if (first < 0) {
      return "all of the most recent " + recent.length + " points (the context cap) are missing";
    }
    int usable = recent.length - first;
    if (usable < patchLength) {
      return usable + " points from the first observed one, fewer than one patch of " + patchLength
          + " (Timer-XL reads whole patches)";
    }
    return null;
  }

  /** The points the model reads: a positive multiple of P, no NaN. Throws when {@link #problem} is non-null. */
  static double[] prepare(double[] context, int patchLength, int maxContext) {
    String problem = problem(context, patchLength, maxContext);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    double[] recent = mostRecent(context, maxContext);
    double[] filled = fillGaps(Arrays.copyOfRange(recent, firstObserved(recent), recent.length));
    int keep = filled.length / patchLength * patchLength;
    return Arrays.copyOfRange(filled, filled.length - keep, filled.length);
  }

  private static double[] mostRecent(double[] context, int maxContext) {
    return context.length > maxContext ? Arrays.copyOfRange(context, context.length - maxContext, context.length) : context;
  }

  private static int firstObserved(double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (!Double.isNaN(v[i])) {
        return i;
      }
    }
    return -1;
  }

  /** Linear interpolation inside, last value carried forward at the end; v[0] is observed. */
  private static double[] fillGaps(double[] v) {
    double[] out = v.clone();
    int last = 0;
    for (int i = 1; i < out.length; i++) {
      if (Double.isNaN(out[i])) {
        continue;
      }
      for (int k = last + 1; k < i; k++) {
        out[k] = out[last] + (out[i] - out[last]) * (k - last) / (i - last);
      }
      last = i;
    }
    Arrays.fill(out, last + 1, out.length, out[last]);
    return out;
  }
}
