package io.timerbeam.model.output;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prediction-interval levels against a model's quantiles: the level c needs quantiles (1-c)/2
 * and (1+c)/2, compared with a tolerance so that 0.1 and (1-0.8)/2 match.
 */
public final class IntervalLevels {
  public static final double TOLERANCE = 1e-9;

  private IntervalLevels() {}

  /** Refuses {@code level} unless the model has both of its quantiles; the message names the widest level available. */
  public static void requireSupported(String option, double level, double[] modelQuantiles) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException(option + ": a level must be in (0, 1), got " + level);
    }
    if (indexOf(modelQuantiles, (1 - level) / 2) >= 0 && indexOf(modelQuantiles, (1 + level) / 2) >= 0) {
      return;
    }
    List<Double> available = available(modelQuantiles);
    throw new IllegalArgumentException(option + ": the " + percent(level) + "% interval needs quantiles "
        + plain((1 - level) / 2) + " and " + plain((1 + level) / 2) + " but the model's quantiles are "
        + Arrays.stream(sorted(modelQuantiles)).mapToObj(IntervalLevels::plain).collect(Collectors.toList())
        + (available.isEmpty() ? "; it has no symmetric pair, so no interval"
            : "; the widest level available is " + percent(available.get(0)) + "% (available: "
                + available.stream().map(l -> percent(l) + "%").collect(Collectors.joining(", ")) + ")"));
  }

  /** Position of {@code level} in {@code quantiles} within the tolerance, or -1. */
  public static int indexOf(double[] quantiles, double level) {
    for (int i = 0; i < quantiles.length; i++) {
      if (Math.abs(quantiles[i] - level) <= TOLERANCE) {
        return i;
      }
    }
    return -1;
  }

  /** The levels the quantiles span, widest first. */
  public static List<Double> available(double[] modelQuantiles) {
    List<Double> levels = new ArrayList<>();
    for (double q : sorted(modelQuantiles)) {
      if (q < 0.5 - TOLERANCE && indexOf(modelQuantiles, 1 - q) >= 0) {
        levels.add(round(1 - 2 * q));
      }
    }
    return levels;
  }

  /** The level as a percentage without float noise: 0.8 is {@code 80}, 0.975 is {@code 97.5}. */
  public static String percent(double level) {
    return new BigDecimal(plain(level)).movePointRight(2).stripTrailingZeros().toPlainString();
  }

  private static double round(double value) {
    return new BigDecimal(value).round(new MathContext(10)).doubleValue();
  }

  /** Ten significant digits: quantile arithmetic's last-bit noise is not shown. */
  private static String plain(double value) {
    return new BigDecimal(value).round(new MathContext(10)).stripTrailingZeros().toPlainString();
  }

  private static double[] sorted(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }
}
