package io.timerbeam.transforms;

import io.timerbeam.model.SeriesCheck;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Turns one series' points into a grid-aligned context: sorts by time, applies the duplicates
 * and resampling policies, infers or checks the frequency, marks missing steps NaN and keeps
 * the most recent {@code contextLength} steps.
 */
final class SeriesAssembler implements Serializable {
  private static final long serialVersionUID = 1L;

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

  SeriesContext assemble(Row id, List<PointChunk> chunks) throws SeriesRejection {
    int size = 0;
    for (PointChunk chunk : chunks) {
      if (chunk.nullTimestamps() > 0) {
        throw new SeriesRejection(SeriesRejection.NULL_TIMESTAMP, chunk.nullTimestamps() + " point(s) have no timestamp");
      }
      size += chunk.size();
    }
    long[] times = new long[size];
    double[] values = new double[size];
    int n = 0;
    for (PointChunk chunk : chunks) {
      for (int i = 0; i < chunk.size(); i++, n++) {
        times[n] = chunk.time(i);
        values[n] = chunk.value(i);
      }
    }
    sortByTime(times, values);
    return resampling == null ? onExactGrid(id, times, values) : resampled(id, times, values);
  }

  /** Stable, so that points sharing a timestamp keep their input order (for LAST). */
  private static void sortByTime(long[] times, double[] values) {
    boolean sorted = true;
    for (int i = 1; i < times.length && sorted; i++) {
      sorted = times[i - 1] <= times[i];
    }
    if (sorted) {
      return;
    }
    Integer[] order = new Integer[times.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingLong(i -> times[i]));
    long[] t = times.clone();
    double[] v = values.clone();
    for (int i = 0; i < order.length; i++) {
      times[i] = t[order[i]];
      values[i] = v[order[i]];
    }
  }

  private SeriesContext onExactGrid(Row id, long[] times, double[] values) throws SeriesRejection {
    Steps distinct = mergeEqualTimes(times, values);
    SeriesGrid grid = SeriesGrid.anchoredAt(frequencyOf(distinct.keys), distinct.keys);
    long[] indices = new long[distinct.keys.length];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = grid.indexOf(distinct.keys[i]);
      if (indices[i] < 0) {
        throw new SeriesRejection(SeriesRejection.OFF_GRID,
            "point at " + Instant.ofEpochMilli(distinct.keys[i]) + " is off the grid " + grid
                + "; choose withResampling(...) to bucket such points");
      }
    }
    return toContext(id, grid, indices, distinct.values);
  }

  private SeriesContext resampled(Row id, long[] times, double[] values) throws SeriesRejection {
    Frequency step = frequencyOf(merge(times, values, Aggregation.LAST).keys);
    SeriesGrid grid = SeriesGrid.alignedTo(step, times[0]);
    long[] buckets = new long[times.length];
    for (int i = 0; i < times.length; i++) {
      buckets[i] = grid.bucketOf(times[i]);
    }
    Steps merged = merge(buckets, values, resampling);
    return toContext(id, grid, merged.keys, merged.values);
  }

  private Frequency frequencyOf(long[] distinctTimes) throws SeriesRejection {
    if (frequency != null) {
      return frequency;
    }
    Frequency inferred = FrequencyInference.infer(distinctTimes);
    if (inferred == null) {
      throw new SeriesRejection(SeriesRejection.UNKNOWN_FREQUENCY,
          "cannot infer a frequency from " + distinctTimes.length + " distinct timestamp(s); set withFrequency(...)");
    }
    return inferred;
  }

  private Steps mergeEqualTimes(long[] times, double[] values) throws SeriesRejection {
    if (duplicates == null) {
      for (int i = 1; i < times.length; i++) {
        if (times[i] == times[i - 1]) {
          throw new SeriesRejection(SeriesRejection.DUPLICATE_TIMESTAMP,
              "several points at " + Instant.ofEpochMilli(times[i]) + "; choose withDuplicates(MEAN|SUM|LAST)");
        }
      }
    }
    return merge(times, values, duplicates == null ? Aggregation.LAST : duplicates);
  }

  /** Combines runs of equal keys (ascending) into one value each. */
  private static Steps merge(long[] keys, double[] values, Aggregation aggregation) {
    long[] outKeys = new long[keys.length];
    double[] outValues = new double[keys.length];
    int n = 0;
    for (int start = 0, end; start < keys.length; start = end) {
      end = start + 1;
      while (end < keys.length && keys[end] == keys[start]) {
        end++;
      }
      outKeys[n] = keys[start];
      outValues[n++] = end - start == 1 ? values[start] : aggregation.combine(values, start, end);
    }
    return new Steps(Arrays.copyOf(outKeys, n), Arrays.copyOf(outValues, n));
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

  /** Distinct ascending steps (times or grid indices) and their values. */
  private static final class Steps {
    final long[] keys;
    final double[] values;

    Steps(long[] keys, double[] values) {
      this.keys = keys;
      this.values = values;
    }
  }
}
