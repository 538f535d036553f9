package io.timerbeam.transforms;

import io.timerbeam.model.SeriesCheck;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Turns one series' gathered points into a grid-aligned context: applies the duplicates
 * and resampling policies, infers or checks the frequency, marks missing steps NaN and keeps
 * the most recent {@code contextLength} steps.
 */
final class SeriesAssembler implements Serializable {
  private static final long serialVersionUID = 1L;
  /**
   * Largest |value| accepted: the engine normalises in double but returns float32 forecasts
   * (max 3.4e38), so larger magnitudes could de-normalise to infinity.
   */
  static final double MAX_ABS_VALUE = 1e30;

  private final @Nullable Frequency frequency;
  private final @Nullable Aggregation duplicates;
  private final @Nullable Aggregation resampling;
  private final int minObservations;
  private final int contextLength;
  private final int horizon;

  SeriesAssembler(
      @Nullable Frequency frequency,
      @Nullable Aggregation duplicates,
      @Nullable Aggregation resampling,
      int minObservations,
      int contextLength,
      int horizon) {
    this.frequency = frequency;
    this.duplicates = duplicates;
    this.resampling = resampling;
    this.minObservations = minObservations;
    this.contextLength = contextLength;
    this.horizon = horizon;
  }

  /**
   * The context of one series from its gathered points. Only the retained (most recent) points
   * are checked for duplicates and the grid, and the frequency is inferred from them.
   */
  SeriesContext assemble(Row id, SeriesPoints gathered) throws SeriesRejection {
    SeriesPoints points = gathered.compact();
    if (points.nullTimestamps() > 0) {
      throw new SeriesRejection(SeriesRejection.NULL_TIMESTAMP, points.nullTimestamps() + " point(s) have no timestamp");
    }
    if (points.size() == 0) {
      throw new SeriesRejection(SeriesRejection.TOO_FEW_OBSERVATIONS, "no points");
    }
    long[] times = new long[points.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = points.time(i);
    }
    return resampling == null ? onExactGrid(id, points, times) : resampled(id, points, times);
  }

  private SeriesContext onExactGrid(Row id, SeriesPoints points, long[] times) throws SeriesRejection {
    Aggregation policy = duplicates == null ? Aggregation.LAST : duplicates;
    SeriesGrid grid = SeriesGrid.anchoredAt(frequencyOf(times), times);
    long[] indices = new long[times.length];
    double[] values = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      if (duplicates == null && points.points(i) > 1) {
        throw new SeriesRejection(SeriesRejection.DUPLICATE_TIMESTAMP, points.points(i) + " points at "
            + Instant.ofEpochMilli(times[i]) + "; choose a duplicates policy (withDuplicates(MEAN|SUM|LAST))");
      }
      indices[i] = grid.indexOf(times[i]);
      if (indices[i] < 0) {
        throw new SeriesRejection(SeriesRejection.OFF_GRID,
            "point at " + Instant.ofEpochMilli(times[i]) + " is off the grid " + grid
                + "; choose a resampling policy (withResampling(MEAN|SUM|LAST)) to bucket such points");
      }
      values[i] = policy.combine(points, i, i + 1);
    }
    return toContext(id, grid, indices, values);
  }

  /**
   * Buckets the points into the grid's steps. If older points were dropped, the oldest bucket may
   * miss some of its points, so it is left out of the context.
   */
  private SeriesContext resampled(Row id, SeriesPoints points, long[] times) throws SeriesRejection {
    SeriesGrid grid = SeriesGrid.alignedTo(frequencyOf(times), times[0]);
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
    return toContext(id, grid, Arrays.copyOfRange(buckets, from, n), Arrays.copyOfRange(values, from, n));
  }

  private Frequency frequencyOf(long[] distinctTimes) throws SeriesRejection {
    if (frequency != null) {
      return frequency;
    }
    Frequency inferred = FrequencyInference.infer(distinctTimes);
    if (inferred == null) {
      throw new SeriesRejection(SeriesRejection.UNKNOWN_FREQUENCY, "cannot infer a frequency from "
          + distinctTimes.length + " distinct timestamp(s); set the frequency (withFrequency(...))");
    }
    return inferred;
  }

  /**
   * Lays the steps out densely up to the series' last step (a trailing missing value stays in
   * the context: the model is told it is missing), keeping at most contextLength steps.
   */
  private SeriesContext toContext(Row id, SeriesGrid grid, long[] indices, double[] values) throws SeriesRejection {
    long endIndex = indices[indices.length - 1];
    long startIndex = Math.max(indices[0], endIndex - contextLength + 1);
    double[] context = new double[(int) (endIndex - startIndex + 1)];
    Arrays.fill(context, Double.NaN);
    int observed = 0;
    long lastObserved = endIndex;
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] >= startIndex && !Double.isNaN(values[i])) {
        context[(int) (indices[i] - startIndex)] = values[i];
        observed++;
        lastObserved = indices[i];
      }
    }
    String problem = SeriesCheck.problem(context);
    if (problem != null) {
      throw new SeriesRejection(SeriesRejection.INVALID_VALUES, problem);
    }
    for (int i = 0; i < context.length; i++) {
      if (Math.abs(context[i]) > MAX_ABS_VALUE) {
        throw new SeriesRejection(SeriesRejection.VALUE_OUT_OF_RANGE, "value " + context[i] + " at "
            + Instant.ofEpochMilli(grid.timeAt(startIndex + i)) + " exceeds the supported magnitude " + MAX_ABS_VALUE);
      }
    }
    if (observed < minObservations) {
      throw new SeriesRejection(SeriesRejection.TOO_FEW_OBSERVATIONS,
          observed + " observed point(s) in the context, withMinObservations is " + minObservations);
    }
    long[] forecastMillis = new long[horizon];
    for (int h = 0; h < horizon; h++) {
      forecastMillis[h] = grid.timeAt(endIndex + h + 1);
    }
    return new SeriesContext(id, grid.timeAt(lastObserved), forecastMillis, context);
  }
}
