package io.timerbeam.transforms;

/** How several values that land on one step are combined; missing values are ignored. */
public enum Aggregation {
  MEAN,
  SUM,
  /** The last value in input order; only deterministic if the input order is. */
  LAST;

  /** Combines {@code values[from..to)} (NaN = missing); NaN if all are missing. */
  double combine(double[] values, int from, int to) {
    double sum = 0;
    int observed = 0;
    double last = Double.NaN;
    for (int i = from; i < to; i++) {
      if (!Double.isNaN(values[i])) {
        sum += values[i];
        observed++;
        last = values[i];
      }
    }
    if (observed == 0) {
      return Double.NaN;
    }
    switch (this) {
      case MEAN:
        return sum / observed;
      case SUM:
        return sum;
      default:
        return last;
    }
  }
}
