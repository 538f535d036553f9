package io.timerbeam.model.output;

/**
 * The power of two a context is multiplied by on its way to the engine, and its forecast divided
 * by on the way back, so that forecasts do not depend on the data's magnitude. RevIN divides by
 * {@code std + 1e-5}, whose epsilon swamps a std below about 1e-4 (a series at 1e-8 was forecast
 * at 200 times its level). Scaled, every context's std lies in [2^16, 2^17), where the epsilon
 * moves the normalised input by less than float32's resolution. Multiplying by a power of two
 * changes no mantissa bit and RevIN is affine, so the scaled forecast, scaled back, is the
 * unscaled one apart from the epsilon.
 */
public final class EngineScale {
  /** log2 of the std a context is scaled to. */
  public static final int STD_EXPONENT = 16;

  private EngineScale() {}

  /**
   * The exponent k for which the context times 2^k has a std in [2^16, 2^17) (a constant context:
   * its magnitude there); 0 for a context with no finite non-zero point.
   */
  public static int exponent(double[] context) {
    double max = 0;
    for (double v : context) {
      if (!Double.isNaN(v)) {
        max = Math.max(max, Math.abs(v));
      }
    }
    if (max == 0 || Double.isInfinite(max)) {
      return 0;
    }
    // The std of the context brought near 1 first, so that no square under- or overflows.
    int toUnit = -Math.getExponent(max);
    double sum = 0;
    int n = 0;
    for (double v : context) {
      if (!Double.isNaN(v)) {
        sum += Math.scalb(v, toUnit);
        n++;
      }
    }
    double mean = sum / n;
    double squares = 0;
    for (double v : context) {
      if (!Double.isNaN(v)) {
        double d = Math.scalb(v, toUnit) - mean;
        squares += d * d;
      }
    }
    double std = Math.sqrt(squares / n);
    return toUnit - Math.getExponent(std > 0 ? std : Math.scalb(max, toUnit)) + STD_EXPONENT;
  }

  /** The engine's output [row][step] for a context scaled by 2^exponent, in the data's units. */
  public static double[][] inDataUnits(float[][] engineOutput, int exponent) {
    double[][] out = new double[engineOutput.length][];
    for (int r = 0; r < out.length; r++) {
      out[r] = new double[engineOutput[r].length];
      for (int h = 0; h < out[r].length; h++) {
        out[r][h] = Math.scalb((double) engineOutput[r][h], -exponent);
      }
    }
    return out;
  }

  /** Why an engine output [row][step] cannot be written (a NaN or infinite value, where), or null. */
  public static String nonFinite(float[][] output) {
    for (int r = 0; r < output.length; r++) {
      for (int h = 0; h < output[r].length; h++) {
        if (!Float.isFinite(output[r][h])) {
          return "the model gave " + output[r][h] + " at output " + r + ", step " + (h + 1);
        }
      }
    }
    return null;
  }
}
