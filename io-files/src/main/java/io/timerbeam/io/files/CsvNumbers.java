package io.timerbeam.io.files;

import java.math.BigDecimal;

/**
 * Doubles as CSV text, shortest round-trip: a double holding a float32 model output prints as
 * that float's shortest form ({@code 82.37238}, not {@code 82.37237548828125}), any other double
 * as the double's; without an exponent for magnitudes from 1e-7 up to 1e15.
 */
final class CsvNumbers {
  private static final double PLAIN_FROM = 1e-7;
  private static final double PLAIN_BELOW = 1e15;

  private CsvNumbers() {}

  static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    float asFloat = (float) value;
    String shortest = asFloat == value ? Float.toString(asFloat) : Double.toString(value);
    double magnitude = Math.abs(value);
    if (shortest.indexOf('E') < 0 || magnitude < PLAIN_FROM || magnitude >= PLAIN_BELOW) {
      return shortest;
    }
    return new BigDecimal(shortest).toPlainString();
  }
}
