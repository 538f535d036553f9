package io.timerbeam.model.timerxl;

import io.timerbeam.model.SeriesCheck;
import java.nio.DoubleBuffer;

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
    return problem(DoubleBuffer.wrap(context), patchLength, maxContext);
  }

  /** {@link #problem(double[], int, int)} of the buffer's remaining points, read in place. */
  static String problem(DoubleBuffer context, int patchLength, int maxContext) {
    String problem = SeriesCheck.problem(context);
    if (problem != null) {
      return problem;
    }
    DoubleBuffer recent = mostRecent(context, maxContext);
    int first = firstObserved(recent);
    if (first < 0) {
      return "all of the most recent " + recent.remaining() + " points (the context cap) are missing";
    }
    int usable = recent.remaining() - first;
    if (usable < patchLength) {
      return usable + " points from the first observed one, fewer than one patch of " + patchLength
          + " (Timer-XL reads whole patches)";
    }
    return null;
  }

  /**
   * The points the model reads: a positive multiple of P, no NaN, read from the buffer into the one
   * array returned. Throws when {@link #problem} is non-null.
   */
  static double[] prepare(DoubleBuffer context, int patchLength, int maxContext) {
    String problem = problem(context, patchLength, maxContext);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    DoubleBuffer recent = mostRecent(context, maxContext);
    int end = recent.remaining();
    int keep = (end - firstObserved(recent)) / patchLength * patchLength;
    int start = end - keep;
    double[] out = new double[keep];
    recent.get(start, out);
    fillGaps(recent, start, out);
    return out;
  }

  private static DoubleBuffer mostRecent(DoubleBuffer context, int maxContext) {
    int n = context.remaining();
    return n > maxContext ? context.slice(context.position() + n - maxContext, maxContext) : context.slice();
  }

  private static int firstObserved(DoubleBuffer v) {
    for (int i = 0; i < v.remaining(); i++) {
      if (!Double.isNaN(v.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Fills out = v[start..] in place: linear interpolation between observed points, the last value
   * carried forward at the end. An observed point at or before {@code start} exists (the window
   * starts at or after the first observed point); interpolation may start from one before it.
   */
  private static void fillGaps(DoubleBuffer v, int start, double[] out) {
    int last = start;
    while (Double.isNaN(v.get(last))) {
      last--;
    }
    int end = start + out.length;
    for (int i = last + 1; i < end; i++) {
      double vi = v.get(i);
      if (Double.isNaN(vi)) {
        continue;
      }
      double vl = v.get(last);
      for (int k = Math.max(last + 1, start); k < i; k++) {
        out[k - start] = vl + (vi - vl) * (k - last) / (i - last);
      }
      last = i;
    }
    double carried = v.get(last);
    for (int k = Math.max(last + 1, start); k < end; k++) {
      out[k - start] = carried;
    }
  }
}
