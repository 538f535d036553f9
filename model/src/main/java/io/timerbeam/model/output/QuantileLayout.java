package io.timerbeam.model.output;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Maps the model head's quantiles to output columns: names ({@link ForecastColumns#quantileColumn}) in
 * ascending level order, the median and the band of each confidence level, and (by
 * default) sorts each step's values so bands are monotone. A point forecaster (no levels, one
 * output row: Timer-XL) has no quantile columns and no band.
 */
public final class QuantileLayout implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] levels;
  /** headIndex[i] = position in the head's output of the i-th smallest level. */
  private final int[] headIndex;
  private final int median;
  private final double[] confidenceLevels;
  /** lower[k], upper[k]: columns of the band of confidenceLevels[k]. */
  private final int[] lower;
  private final int[] upper;
  private final boolean sortPerStep;

  /** {@code option} names the setting the levels came from, for the error when the model lacks a band's quantiles. */
  public QuantileLayout(double[] headLevels, double[] confidenceLevels, String option, boolean sortPerStep) {
    this.headIndex = IntStream.range(0, headLevels.length).boxed()
        .sorted(Comparator.comparingDouble(i -> headLevels[i])).mapToInt(Integer::intValue).toArray();
    this.levels = Arrays.stream(headIndex).mapToDouble(i -> headLevels[i]).toArray();
    boolean point = levels.length == 0;
    this.median = point ? -1 : IntervalLevels.indexOf(levels, 0.5);
    if (median < 0 && !point) {
      throw new IllegalArgumentException("the median (forecast_value) needs quantile 0.5 but the model has " + Arrays.toString(levels));
    }
    this.confidenceLevels = confidenceLevels.clone();
    this.lower = new int[confidenceLevels.length];
    this.upper = new int[confidenceLevels.length];
    for (int k = 0; k < confidenceLevels.length && !point; k++) {
      IntervalLevels.requireSupported(option + "(" + confidenceLevels[k] + ")", confidenceLevels[k], levels);
      lower[k] = IntervalLevels.indexOf(levels, (1 - confidenceLevels[k]) / 2);
      upper[k] = IntervalLevels.indexOf(levels, (1 + confidenceLevels[k]) / 2);
    }
    this.sortPerStep = sortPerStep;
  }

  /** True for a point forecaster: its single output row is the forecast. */
  public boolean isPointForecast() {
    return levels.length == 0;
  }

  /** The levels in column order (ascending). Not copied: callers must not modify it. */
  public double[] levels() {
    return levels;
  }

  public int size() {
    return levels.length;
  }

  /** Column name of the i-th smallest level. */
  public String columnName(int i) {
    return ForecastColumns.quantileColumn(levels[i]);
  }

  public int medianColumn() {
    return median;
  }

  /** The confidence levels, in the order given. Not copied: callers must not modify it. */
  public double[] confidenceLevels() {
    return confidenceLevels;
  }

  /** Column of the lower bound of the k-th confidence level. */
  public int lowerColumn(int k) {
    return lower[k];
  }

  public int upperColumn(int k) {
    return upper[k];
  }

  /**
   * One step's values in column order, from the head's [quantile][step] output. Sorted
   * ascending unless raw quantiles were asked for.
   */
  public double[] step(double[][] headOutput, int step) {
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
