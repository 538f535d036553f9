package io.timerbeam.model.series;

/** How several values that land on one step are combined; missing values are ignored. */
public enum Aggregation {
  MEAN,
  SUM,
  /** The last value in input order; only deterministic if the input order is. */
  LAST;

  /** Combines the entries {@code [from, to)} of {@code points}; NaN if all their values are missing. */
  public double combine(SeriesPoints points, int from, int to) {
    double sum = 0;
    long observed = 0;
    double last = Double.NaN;
    for (int i = from; i < to; i++) {
      if (points.observed(i) > 0) {
        sum += points.sum(i);
        observed += points.observed(i);
        last = points.last(i);
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
