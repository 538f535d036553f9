package io.timerbeam.transforms;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Maps the model head's quantiles to output columns: names ({@code q10} for 0.1, {@code q2_5}
 * for 0.025) in ascending level order, the median and the band of a confidence level, and (by
 * default) sorts each step's values so bands are monotone. A point forecaster (no levels, one
 * output row: Timer-XL) has no quantile columns and no band.
 */
final class QuantileLayout implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double LEVEL_TOLERANCE = 1e-9;

  private final double[] levels;
  /** headIndex[i] = position in the head's output of the i-th smallest level. */
  private final int[] headIndex;
  private final int median;
  private final int lower;
  private final int upper;
  private final boolean sortPerStep;

  QuantileLayout(double[] headLevels, double confidenceLevel, boolean sortPerStep) {
    this.headIndex = IntStream.range(0, headLevels.length).boxed()
        .sorted(Comparator.comparingDouble(i -> headLevels[i])).mapToInt(Integer::intValue).toArray();
    this.levels = Arrays.stream(headIndex).mapToDouble(i -> headLevels[i]).toArray();
    boolean point = levels.length == 0;
    this.median = point ? -1 : find(0.5, "the median (forecast_value)");
    this.lower = point ? -1 : find((1 - confidenceLevel) / 2, "withConfidenceLevel(" + confidenceLevel + ")'s lower bound");
    this.upper = point ? -1 : find((1 + confidenceLevel) / 2, "withConfidenceLevel(" + confidenceLevel + ")'s upper bound");
    this.sortPerStep = sortPerStep;
  }

  /** True for a point forecaster: its single output row is the forecast. */
  boolean isPointForecast() {
    return levels.length == 0;
  }

  private int find(double level, String what) {
    for (int i = 0; i < levels.length; i++) {
      if (Math.abs(levels[i] - level) <= LEVEL_TOLERANCE) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        what + " needs quantile " + level + " but the model has " + Arrays.toString(levels));
  }

  /** The levels in column order (ascending). Not copied: callers must not modify it. */
  double[] levels() {
    return levels;
  }

  int size() {
    return levels.length;
  }

  /** Column name of the i-th smallest level. */
  String columnName(int i) {
    return "q" + BigDecimal.valueOf(levels[i]).movePointRight(2).stripTrailingZeros().toPlainString().replace('.', '_');
  }

  int medianColumn() {
    return median;
  }

  int lowerColumn() {
    return lower;
  }

  int upperColumn() {
    return upper;
  }

  /**
   * One step's values in column order, from the head's [quantile][step] output. Sorted
   * ascending unless raw quantiles were asked for.
   */
  double[] step(float[][] headOutput, int step) {
    double[] out = new double[levels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = headOutput[headIndex[i]][step];
    }
    if (sortPerStep) {
      Arrays.sort(out);
    }
    return out;
  }
}
