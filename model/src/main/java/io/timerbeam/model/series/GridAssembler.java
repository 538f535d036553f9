package io.timerbeam.model.series;

import io.timerbeam.model.SeriesCheck;
import io.timerbeam.model.output.FailureCodes;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * Turns one series' gathered points into a grid-aligned context: applies the duplicates
 * and resampling policies, infers or checks the frequency, marks missing steps NaN and keeps
 * the most recent {@code contextLength} steps. The one implementation of these rules: the Beam
 * transforms and the Flink SQL provider both call it.
 */
public final class GridAssembler implements Serializable {
  private static final long serialVersionUID = 1L;
  /**
   * Largest |value| accepted. Forecasts do not depend on the magnitude ({@link io.timerbeam.model.output.EngineScale}), but
   * the backtest metrics square and sum errors in double, and the sinks' readers often hold
   * float32: 1e30 keeps both far from overflow.
   */
  public static final double MAX_ABS_VALUE = 1e30;

  private final Frequency frequency;
  private final ZoneId timeZone;
  private final Aggregation duplicates;
  private final Aggregation resampling;
  private final int minObservations;
  private final int contextLength;
  private final int horizon;

  /** {@code frequency}, {@code duplicates}, {@code resampling}: null = infer / refuse duplicates / no resampling. */
  public GridAssembler(
      Frequency frequency,
      ZoneId timeZone,
      Aggregation duplicates,
      Aggregation resampling,
      int minObservations,
      int contextLength,
      int horizon) {
    this.frequency = frequency;
    this.timeZone = timeZone;
    this.duplicates = duplicates;
    this.resampling = resampling;
    this.minObservations = minObservations;
    this.contextLength = contextLength;
    this.horizon = horizon;
  }

  /**
   * The context of one series from its gathered points: its most recent {@code contextLength}
   * grid steps, which must hold at least {@code minObservations} observed points.
   */
  public Assembled assemble(SeriesPoints gathered) throws SeriesRejection {
    GridSeries series = onGrid(gathered, contextLength);
    if (series.observed() < minObservations) {
      throw new SeriesRejection(FailureCodes.TOO_FEW_OBSERVATIONS,
          series.observed() + " observed point(s) in the context, withMinObservations is " + minObservations);
    }
    long[] forecastMillis = new long[horizon];
    for (int h = 0; h < horizon; h++) {
      forecastMillis[h] = series.timeOf(series.values().length + h);
    }
    return new Assembled(series.timeOf(series.lastObserved()), forecastMillis, series.values());
  }

  /** One series ready to forecast: its context (NaN = missing), its last observed time and its forecast steps' times. */
  public static final class Assembled {
    private final long contextEndMillis;
    private final long[] forecastMillis;
    private final double[] values;

    Assembled(long contextEndMillis, long[] forecastMillis, double[] values) {
      this.contextEndMillis = contextEndMillis;
      this.forecastMillis = forecastMillis;
      this.values = values;
    }

    public long contextEndMillis() {
      return contextEndMillis;
    }

    /** Not copied: callers must not modify it. */
    public long[] forecastMillis() {
      return forecastMillis;
    }

    /** Oldest first; NaN = missing. Not copied: callers must not modify it. */
    public double[] values() {
      return values;
    }
  }

  /**
   * One series' gathered points laid out on its grid up to its last step, at most {@code maxSteps}
   * (the most recent). Only the retained points are checked for duplicates and the grid, and the
   * frequency is inferred from them.
   */
  public GridSeries onGrid(SeriesPoints gathered, int maxSteps) throws SeriesRejection {
    SeriesPoints points = gathered.compact();
    if (points.nullTimestamps() > 0) {
      throw new SeriesRejection(FailureCodes.NULL_TIMESTAMP, points.nullTimestamps() + " point(s) have no timestamp");
    }
    if (points.size() == 0) {
      throw new SeriesRejection(FailureCodes.TOO_FEW_OBSERVATIONS, "no points");
    }
    long[] times = new long[points.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = points.time(i);
    }
    return resampling == null ? onExactGrid(points, times, maxSteps) : resampled(points, times, maxSteps);
  }

  private GridSeries onExactGrid(SeriesPoints points, long[] times, int maxSteps) throws SeriesRejection {
    Aggregation policy = duplicates == null ? Aggregation.LAST : duplicates;
    SeriesGrid grid = SeriesGrid.anchoredAt(frequencyOf(times), timeZone, times);
    long[] indices = new long[times.length];
    double[] values = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      if (duplicates == null && points.points(i) > 1) {
        throw new SeriesRejection(FailureCodes.DUPLICATE_TIMESTAMP, points.points(i) + " points at "
            + Instant.ofEpochMilli(times[i]) + "; choose a duplicates policy (withDuplicates(MEAN|SUM|LAST))");
      }
      indices[i] = grid.indexOf(times[i]);
      if (indices[i] < 0) {
        throw new SeriesRejection(FailureCodes.OFF_GRID,
            "point at " + Instant.ofEpochMilli(times[i]) + " is off the grid " + grid
                + "; choose a resampling policy (withResampling(MEAN|SUM|LAST)) to bucket such points");
      }
      values[i] = policy.combine(points, i, i + 1);
    }
    return dense(grid, indices, values, maxSteps);
  }

  /**
   * Buckets the points into the grid's steps. If older points were dropped, the oldest bucket may
   * miss some of its points, so it is left out of the context.
   */
  private GridSeries resampled(SeriesPoints points, long[] times, int maxSteps) throws SeriesRejection {
    SeriesGrid grid = SeriesGrid.alignedTo(frequencyOf(times), timeZone, times[0]);
    long[] buckets = new long[times.length];
    double[] values = new double[times.length];
    int n = 0;
    for (int start = 0, end; start < times.length; start = end) {
      long bucket = grid.bucketOf(times[start]);
      end = start + 1;
      while (end < times.length && grid.bucketOf(times[end]) == bucket) {
        end++;
      }
      buckets[n] = bucket;
      values[n++] = resampling.combine(points, start, end);
    }
    int from = points.truncated() && n > 1 ? 1 : 0;
    return dense(grid, Arrays.copyOfRange(buckets, from, n), Arrays.copyOfRange(values, from, n), maxSteps);
  }

  private Frequency frequencyOf(long[] distinctTimes) throws SeriesRejection {
    if (frequency != null) {
      return frequency;
    }
    Frequency inferred = FrequencyInference.infer(distinctTimes, timeZone);
    if (inferred == null) {
      throw new SeriesRejection(FailureCodes.UNKNOWN_FREQUENCY, "cannot infer a frequency from "
          + distinctTimes.length + " distinct timestamp(s); set the frequency (withFrequency(...))");
    }
    return inferred;
  }

  /**
   * Lays the steps out densely up to the series' last step (a trailing missing value stays: the
   * model is told it is missing), keeping at most maxSteps steps.
   */
  private static GridSeries dense(SeriesGrid grid, long[] indices, double[] values, int maxSteps) throws SeriesRejection {
    long endIndex = indices[indices.length - 1];
    long startIndex = Math.max(indices[0], endIndex - maxSteps + 1);
    double[] dense = new double[(int) (endIndex - startIndex + 1)];
    Arrays.fill(dense, Double.NaN);
    boolean[] hasPoint = new boolean[dense.length];
    int observed = 0;
    int lastObserved = dense.length - 1;
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] >= startIndex) {
        hasPoint[(int) (indices[i] - startIndex)] = true;
      }
      if (indices[i] >= startIndex && !Double.isNaN(values[i])) {
        lastObserved = (int) (indices[i] - startIndex);
        dense[lastObserved] = values[i];
        observed++;
      }
    }
    String problem = SeriesCheck.problem(dense);
    if (problem != null) {
      throw new SeriesRejection(FailureCodes.INVALID_VALUES, problem);
    }
    for (int i = 0; i < dense.length; i++) {
      if (Math.abs(dense[i]) > MAX_ABS_VALUE) {
        throw new SeriesRejection(FailureCodes.VALUE_OUT_OF_RANGE, "value " + dense[i] + " at "
            + Instant.ofEpochMilli(grid.timeAt(startIndex + i)) + " exceeds the supported magnitude " + MAX_ABS_VALUE);
      }
    }
    return new GridSeries(grid, startIndex, dense, hasPoint, observed, lastObserved);
  }

  /** One series on its grid: {@code values[i]} is grid step {@code startIndex + i}, NaN = missing. */
  public static final class GridSeries {
    private final SeriesGrid grid;
    private final long startIndex;
    private final double[] values;
    private final boolean[] hasPoint;
    private final int observed;
    private final int lastObserved;

    GridSeries(SeriesGrid grid, long startIndex, double[] values, boolean[] hasPoint, int observed, int lastObserved) {
      this.grid = grid;
      this.startIndex = startIndex;
      this.values = values;
      this.hasPoint = hasPoint;
      this.observed = observed;
      this.lastObserved = lastObserved;
    }

    public SeriesGrid grid() {
      return grid;
    }

    /** Oldest first, ending with the series' last step. Not copied: callers must not modify it. */
    public double[] values() {
      return values;
    }

    public int observed() {
      return observed;
    }

    /** Whether an input point (or resampling bucket) fell on position i, its value observed or null. */
    public boolean hasPoint(int i) {
      return hasPoint[i];
    }

    /** Position in {@link #values()} of the last observed point. */
    public int lastObserved() {
      return lastObserved;
    }

    /** The time of position i of {@link #values()}; also before 0 or after the end. */
    public long timeOf(long i) {
      return grid.timeAt(startIndex + i);
    }
  }
}
