package io.timerbeam.transforms.sql;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * The accumulator of the SQL aggregates: one group's points as {@link TimerPointFn} encoded
 * them, and the group's horizon (every point must carry the same one).
 */
@DefaultCoder(SerializableCoder.class)
final class ForecastPoints implements Serializable {
  private static final long serialVersionUID = 1L;

  private long[] times = new long[16];
  private double[] values = new double[16];
  private int size;
  private int nullTimestamps;
  /** 0 until the first point. */
  private int horizon;

  /** Adds one {@code TIMER_POINT(...)} value; a null (no timestamp) is counted like the transform counts it. */
  ForecastPoints add(List<Double> point) {
    if (point == null || Double.isNaN(point.get(TimerPointFn.TIME))) {
      nullTimestamps++;
      if (point != null) {
        setHorizon(point.get(TimerPointFn.HORIZON).intValue());
      }
      return this;
    }
    setHorizon(point.get(TimerPointFn.HORIZON).intValue());
    append(point.get(TimerPointFn.TIME).longValue(), point.get(TimerPointFn.VALUE));
    return this;
  }

  ForecastPoints merge(Iterable<ForecastPoints> others) {
    for (ForecastPoints other : others) {
      if (other.horizon != 0) {
        setHorizon(other.horizon);
      }
      nullTimestamps += other.nullTimestamps;
      for (int i = 0; i < other.size; i++) {
        append(other.times[i], other.values[i]);
      }
    }
    return this;
  }

  private void append(long time, double value) {
    if (size == times.length) {
      times = Arrays.copyOf(times, 2 * size);
      values = Arrays.copyOf(values, 2 * size);
    }
    times[size] = time;
    values[size++] = value;
  }

  private void setHorizon(int pointHorizon) {
    if (horizon != 0 && horizon != pointHorizon) {
      throw new IllegalArgumentException("TIMER_POINT: the horizon differs within one group ("
          + horizon + " and " + pointHorizon + "); give every point of a series the same horizon");
    }
    horizon = pointHorizon;
  }

  long[] times() {
    return Arrays.copyOf(times, size);
  }

  double[] values() {
    return Arrays.copyOf(values, size);
  }

  int nullTimestamps() {
    return nullTimestamps;
  }

  int horizon() {
    return horizon;
  }
}
