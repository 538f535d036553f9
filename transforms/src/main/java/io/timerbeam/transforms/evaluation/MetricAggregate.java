package io.timerbeam.transforms.evaluation;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
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

  /** Its own coder: a SerializableCoder would warn on every run that the class has no equals, and cost more bytes. */
  public static Coder<MetricAggregate> coder() {
    return AggregateCoder.INSTANCE;
  }

  private static final class AggregateCoder extends AtomicCoder<MetricAggregate> {
    private static final long serialVersionUID = 1L;
    static final AggregateCoder INSTANCE = new AggregateCoder();

    @Override
    public void encode(MetricAggregate a, OutputStream outStream) throws IOException {
      DataOutputStream out = new DataOutputStream(outStream);
      out.writeLong(a.windows);
      out.writeLong(a.series);
      for (int i = 0; i < METRICS; i++) {
        out.writeDouble(a.sums[i]);
        out.writeLong(a.counts[i]);
      }
      for (GeometricMean g : new GeometricMean[] {a.maseRelative, a.crpsRelative}) {
        out.writeDouble(g.logSum);
        out.writeLong(g.count);
      }
      out.flush();
    }

    @Override
    public MetricAggregate decode(InputStream inStream) throws IOException {
      DataInputStream in = new DataInputStream(inStream);
      MetricAggregate a = new MetricAggregate();
      a.windows = in.readLong();
      a.series = in.readLong();
      for (int i = 0; i < METRICS; i++) {
        a.sums[i] = in.readDouble();
        a.counts[i] = in.readLong();
      }
      for (GeometricMean g : new GeometricMean[] {a.maseRelative, a.crpsRelative}) {
        g.logSum = in.readDouble();
        g.count = in.readLong();
      }
      return a;
    }

    @Override
    public void verifyDeterministic() {}
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
