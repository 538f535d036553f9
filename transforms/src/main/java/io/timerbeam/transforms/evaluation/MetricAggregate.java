package io.timerbeam.transforms.evaluation;

import java.io.Serializable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The summary of one model over many (series, window) pairs: the arithmetic mean of every
 * metric (the M4 convention; undefined values skipped and counted), and mase_relative and
 * crps_relative, the geometric means of the model/baseline ratios (the GIFT-Eval
 * normalisation). Mutable and mergeable, for use as a combiner's accumulator.
 */
public final class MetricAggregate implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int METRICS = Metric.values().length;

  private long windows;
  private long series;
  private final double[] sums = new double[METRICS];
  private final long[] counts = new long[METRICS];
  private final GeometricMean maseRelative = new GeometricMean();
  private final GeometricMean crpsRelative = new GeometricMean();

  /** Adds one (series, window): the model's metrics and the seasonal-naive baseline's of the same window. */
  public MetricAggregate add(WindowMetrics model, WindowMetrics baseline) {
    windows++;
    for (Metric metric : Metric.values()) {
      Double v = model.get(metric);
      if (v != null) {
        sums[metric.ordinal()] += v;
        counts[metric.ordinal()]++;
      }
    }
    maseRelative.add(model.get(Metric.MASE), baseline.get(Metric.MASE));
    crpsRelative.add(model.get(Metric.CRPS), baseline.get(Metric.CRPS));
    return this;
  }

  /** Counts one series (each series is counted by one of its windows); returns this. */
  public MetricAggregate addSeries() {
    series++;
    return this;
  }

  /** Adds everything {@code other} holds into this one; returns this. */
  public MetricAggregate merge(MetricAggregate other) {
    windows += other.windows;
    series += other.series;
    for (int i = 0; i < METRICS; i++) {
      sums[i] += other.sums[i];
      counts[i] += other.counts[i];
    }
    maseRelative.merge(other.maseRelative);
    crpsRelative.merge(other.crpsRelative);
    return this;
  }

  /** The series counted: those with at least one window to forecast. */
  public long series() {
    return series;
  }

  /** The (series, window) pairs added. */
  public long windows() {
    return windows;
  }

  /** The mean over the windows where the metric is defined; null if it is defined in none. */
  public @Nullable Double mean(Metric metric) {
    int i = metric.ordinal();
    return counts[i] == 0 ? null : sums[i] / counts[i];
  }

  /** Windows where the metric is defined. */
  public long defined(Metric metric) {
    return counts[metric.ordinal()];
  }

  /** Windows where the metric is null, left out of its mean. */
  public long undefined(Metric metric) {
    return windows - counts[metric.ordinal()];
  }

  /** Geometric mean over windows of model mase / baseline mase; null if no ratio is defined. */
  public @Nullable Double maseRelative() {
    return maseRelative.value();
  }

  /** Windows whose mase ratio is undefined (either mase null or zero), left out of mase_relative. */
  public long maseRelativeSkipped() {
    return windows - maseRelative.count;
  }

  /** Geometric mean over windows of model crps / baseline crps; null if no ratio is defined. */
  public @Nullable Double crpsRelative() {
    return crpsRelative.value();
  }

  /** Windows whose crps ratio is undefined, left out of crps_relative. */
  public long crpsRelativeSkipped() {
    return windows - crpsRelative.count;
  }

  /**
   * exp(mean log(model/baseline)) over the ratios of two positive finite values: a zero on
   * either side has no logarithm (and would make the mean 0 or infinite), so it is skipped.
   */
  private static final class GeometricMean implements Serializable {
    private static final long serialVersionUID = 1L;
    private double logSum;
    private long count;

    void add(@Nullable Double model, @Nullable Double baseline) {
      if (model != null && baseline != null && model > 0 && baseline > 0) {
        double ratio = model / baseline;
        if (ratio > 0 && Double.isFinite(ratio)) {
          logSum += Math.log(ratio);
          count++;
        }
      }
    }

    void merge(GeometricMean other) {
      logSum += other.logSum;
      count += other.count;
    }

    @Nullable Double value() {
      return count == 0 ? null : Math.exp(logSum / count);
    }
  }
}
