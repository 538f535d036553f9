package io.timerbeam.model.series;

import java.util.Arrays;

/**
 * The points of one series that forecasting can still use: the most recent {@code retain}
 * distinct timestamps, each with the sum, count and last of its observed values and how many
 * points it had, plus counts over everything seen. Memory stays O(retain) however long the
 * history: points beyond twice the bound trigger a compaction that drops the oldest timestamps.
 * Mergeable in any order, so a runner can combine it map-side.
 */
public final class SeriesPoints {
  private final int retain;
  private long[] times;
  private double[] sums;
  private double[] lasts;
  private int[] observed;
  private int[] points;
  private int size;
  /** Entries [0, sortedPrefix) are sorted by time with distinct times. */
  private int sortedPrefix;
  private long nullTimestamps;
  /** Points seen in total, and whether older timestamps were dropped. */
  private long totalPoints;
  private boolean truncated;

  public SeriesPoints(int retain) {
    this(retain, 16);
  }

  private SeriesPoints(int retain, int capacity) {
    if (retain <= 0) {
      throw new IllegalArgumentException("retain must be positive, got " + retain);
    }
    this.retain = retain;
    this.times = new long[capacity];
    this.sums = new double[capacity];
    this.lasts = new double[capacity];
    this.observed = new int[capacity];
    this.points = new int[capacity];
  }

  /**
   * One series' points as a caller that holds them in arrays has them: epoch milliseconds, values
   * (NaN = missing) and a count of points without a timestamp.
   */
  public static SeriesPoints of(int retain, long[] timesMillis, double[] values, int nullTimestamps) {
    SeriesPoints gathered = new SeriesPoints(retain);
    for (int i = 0; i < timesMillis.length; i++) {
      gathered.add(timesMillis[i], values[i]);
    }
    for (int i = 0; i < nullTimestamps; i++) {
      gathered.add(null, Double.NaN);
    }
    return gathered;
  }

  /** Adds a point; a null time is only counted (it makes the series fail). NaN = missing value. */
  public void add(Long timeMillis, double value) {
    totalPoints++;
    if (timeMillis == null) {
      nullTimestamps++;
      return;
    }
    boolean isObserved = !Double.isNaN(value);
    append(timeMillis, isObserved ? value : 0, isObserved ? value : Double.NaN, isObserved ? 1 : 0, 1);
  }

  /** Adds every entry of {@code other}; {@code other} is left unchanged. */
  public void mergeFrom(SeriesPoints other) {
    reserve(other.size);
    for (int i = 0; i < other.size; i++) {
      append(other.times[i], other.sums[i], other.lasts[i], other.observed[i], other.points[i]);
    }
    nullTimestamps += other.nullTimestamps;
    totalPoints += other.totalPoints;
    truncated |= other.truncated;
  }

  private void append(long time, double sum, double last, int observedCount, int pointCount) {
    if (size == times.length) {
      if (size >= 2 * retain) {
        compact();
      }
      if (size == times.length) {
        grow();
      }
    }
    if (sortedPrefix == size && (size == 0 || time > times[size - 1])) {
      sortedPrefix++; // in-order input (the usual case) then needs no sort in compact()
    }
    times[size] = time;
    sums[size] = sum;
    lasts[size] = last;
    observed[size] = observedCount;
    points[size++] = pointCount;
  }

  private void grow() {
    int capacity = Math.max(16, Math.min(2 * times.length, 2 * retain + 1));
    resize(Math.max(capacity, times.length + 1));
  }

  /** Room for {@code more} entries at once, up to the compaction bound, so that a merge copies the arrays once. */
  private void reserve(int more) {
    int wanted = Math.min(size + more, 2 * retain + 1);
    if (wanted > times.length) {
      resize(wanted);
    }
  }

  private void resize(int capacity) {
    times = Arrays.copyOf(times, capacity);
    sums = Arrays.copyOf(sums, capacity);
    lasts = Arrays.copyOf(lasts, capacity);
    observed = Arrays.copyOf(observed, capacity);
    points = Arrays.copyOf(points, capacity);
  }

  /**
   * Sorts by time (stable, so LAST keeps arrival order within one accumulator), merges entries
   * sharing a time and keeps the most recent {@code retain} times.
   */
  public SeriesPoints compact() {
    if (sortedPrefix == size) {
      return size <= retain ? this : keepMostRecent(size - retain);
    }
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
    long[] t = new long[size];
    double[] s = new double[size];
    double[] l = new double[size];
    int[] o = new int[size];
    int[] p = new int[size];
    int n = 0;
    for (Integer index : order) {
      int i = index;
      if (n > 0 && t[n - 1] == times[i]) {
        s[n - 1] += sums[i];
        o[n - 1] += observed[i];
        p[n - 1] += points[i];
        if (observed[i] > 0) {
          l[n - 1] = lasts[i];
        }
      } else {
        t[n] = times[i];
        s[n] = sums[i];
        l[n] = lasts[i];
        o[n] = observed[i];
        p[n++] = points[i];
      }
    }
    times = t;
    sums = s;
    lasts = l;
    observed = o;
    points = p;
    size = n;
    sortedPrefix = n;
    return keepMostRecent(Math.max(0, n - retain));
  }

  /** Drops the {@code oldest} first entries of the sorted, distinct entries. */
  private SeriesPoints keepMostRecent(int oldest) {
    if (oldest > 0 || times.length > size) {
      truncated |= oldest > 0;
      times = Arrays.copyOfRange(times, oldest, size);
      sums = Arrays.copyOfRange(sums, oldest, size);
      lasts = Arrays.copyOfRange(lasts, oldest, size);
      observed = Arrays.copyOfRange(observed, oldest, size);
      points = Arrays.copyOfRange(points, oldest, size);
      size -= oldest;
      sortedPrefix = size;
    }
    return this;
  }

  /** Distinct timestamps held; after {@link #compact()} at most {@code retain}. */
  public int size() {
    return size;
  }

  /** After {@link #compact()}: the i-th oldest retained timestamp. */
  public long time(int i) {
    return times[i];
  }

  /** Sum of the observed values at time i (0 if none). */
  public double sum(int i) {
    return sums[i];
  }

  /** The last observed value at time i in arrival order, NaN if none. */
  public double last(int i) {
    return lasts[i];
  }

  /** Observed (non-missing) values at time i. */
  public int observed(int i) {
    return observed[i];
  }

  /** Points (missing or not) that had time i; more than one is a duplicate timestamp. */
  public int points(int i) {
    return points[i];
  }

  public long nullTimestamps() {
    return nullTimestamps;
  }

  public long totalPoints() {
    return totalPoints;
  }

  /** True if older timestamps than the retained ones were seen and dropped. */
  public boolean truncated() {
    return truncated;
  }

  public int retain() {
    return retain;
  }

  /** True if every entry is one observed point (sum = last = its value): the coder then writes time and value only. */
  public boolean singlePoints() {
    for (int i = 0; i < size; i++) {
      if (points[i] != 1 || observed[i] != 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * Entries read back as a coder wrote them ({@link #compact()}ed: sorted, distinct times), the
   * arrays taken as they are: for the Beam coder in transforms/, which writes the accessors' values.
   */
  public static SeriesPoints restore(int retain, long[] times, double[] sums, double[] lasts, int[] observed, int[] points, int size,
      long nullTimestamps, long totalPoints, boolean truncated) {
    SeriesPoints p = new SeriesPoints(retain, 1);
    p.times = times;
    p.sums = sums;
    p.lasts = lasts;
    p.observed = observed;
    p.points = points;
    p.size = size;
    p.sortedPrefix = size;
    p.nullTimestamps = nullTimestamps;
    p.totalPoints = totalPoints;
    p.truncated = truncated;
    return p;
  }
}
