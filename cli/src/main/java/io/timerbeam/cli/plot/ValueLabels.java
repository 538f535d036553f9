package io.timerbeam.cli.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * The value axis's tick labels: "0.09", not XChart's default ".09"; thousands grouped ("2,000");
 * six significant digits at most, which drops the binary noise of a tick at 0.1 * 3; scientific
 * notation below 1e-4 and from 1e7, where plain digits would run across the panel.
 */
final class ValueLabels {
  private static final MathContext DIGITS = new MathContext(6);

  private ValueLabels() {}

  static String format(double value) {
    if (value == 0 || !Double.isFinite(value)) {
      return value == 0 ? "0" : String.valueOf(value);
    }
    BigDecimal rounded = new BigDecimal(value).round(DIGITS).stripTrailingZeros();
    double magnitude = Math.abs(value);
    if (magnitude < 1e-4 || magnitude >= 1e7) {
      return rounded.toString(); // 1.5E-8, 2.5E+7
    }
    DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setMaximumFractionDigits(Math.max(0, rounded.scale()));
    format.setMinimumFractionDigits(Math.max(0, rounded.scale()));
    return format.format(rounded);
  }
}
