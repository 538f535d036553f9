package io.timerbeam.transforms;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * The points of one series that forecasting can still use: the most recent {@code retain}
 * distinct timestamps, each with the sum, count and last of its observed values and how many
 * points it had, plus counts over everything seen. Memory stays O(retain) however long the
 * history: points beyond twice the bound trigger a compaction that drops the oldest timestamps.
 * Mergeable in any order, so a runner can combine it map-side.
 */
final class SeriesPoints {
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

  SeriesPoints(int retain) {
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

  /** Adds a point; a null time is only counted (it makes the series fail). NaN = missing value. */
  void add(Long timeMillis, double value) {
    totalPoints++;
    if (timeMillis == null) {
      nullTimestamps++;
      return;
    }
    boolean isObserved = !Double.isNaN(value);
    append(timeMillis, isObserved ? value : 0, isObserved ? value : Double.NaN, isObserved ? 1 : 0, 1);
  }

  /** Adds every entry of {@code other}; {@code other} is left unchanged. */
  void mergeFrom(SeriesPoints other) {
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
  SeriesPoints compact() {
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
  int size() {
    return size;
  }

  /** After {@link #compact()}: the i-th oldest retained timestamp. */
  long time(int i) {
    return times[i];
  }

  /** Sum of the observed values at time i (0 if none). */
  double sum(int i) {
    return sums[i];
  }

  /** The last observed value at time i in arrival order, NaN if none. */
  double last(int i) {
    return lasts[i];
  }

  /** Observed (non-missing) values at time i. */
  int observed(int i) {
    return observed[i];
  }

  /** Points (missing or not) that had time i; more than one is a duplicate timestamp. */
  int points(int i) {
    return points[i];
  }

  long nullTimestamps() {
    return nullTimestamps;
  }

  long totalPoints() {
    return totalPoints;
  }

  /** True if older timestamps than the retained ones were seen and dropped. */
  boolean truncated() {
    return truncated;
  }

  int retain() {
    return retain;
  }

  /** True if every entry is one observed point (sum = last = its value): the coder then writes time and value only. */
  private boolean singlePoints() {
    for (int i = 0; i < size; i++) {
      if (points[i] != 1 || observed[i] != 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * Compacts, then writes the entries as raw big-endian numbers: time and value per entry when
   * each is one observed point (the usual case: half the bytes to shuffle and sort), else time,
   * sum, last, observed and point counts.
   */
  static final class Coder extends CustomCoder<SeriesPoints> {
    private static final long serialVersionUID = 1L;
    private static final int SINGLE_BYTES = 16;
    private static final int FULL_BYTES = 32;
    /** One buffer per thread: encoding a partial must not allocate (and zero) its size again. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[FULL_BYTES * 1024]);

    private static ByteBuffer buffer(int bytes) {
      byte[] b = BUFFER.get();
      if (b.length < bytes) {
        b = new byte[Math.max(bytes, 2 * b.length)];
        BUFFER.set(b);
      }
      return ByteBuffer.wrap(b, 0, bytes);
    }

    @Override
    public void encode(SeriesPoints value, OutputStream outStream) throws IOException {
      SeriesPoints p = value.compact();
      boolean single = p.singlePoints();
      DataOutputStream out = new DataOutputStream(outStream);
      out.writeInt(p.retain);
      out.writeInt(p.size);
      out.writeLong(p.nullTimestamps);
      out.writeLong(p.totalPoints);
      out.writeBoolean(p.truncated);
      out.writeBoolean(single);
      int length = (single ? SINGLE_BYTES : FULL_BYTES) * p.size;
      ByteBuffer bytes = buffer(length);
      for (int i = 0; i < p.size; i++) {
        bytes.putLong(p.times[i]).putDouble(p.sums[i]);
        if (!single) {
          bytes.putDouble(p.lasts[i]).putInt(p.observed[i]).putInt(p.points[i]);
        }
      }
      out.write(bytes.array(), 0, length);
      out.flush();
    }

    @Override
    public SeriesPoints decode(InputStream inStream) throws IOException {
      DataInputStream in = new DataInputStream(inStream);
      int retain = in.readInt();
      int size = in.readInt();
      SeriesPoints p = new SeriesPoints(retain, Math.max(16, size));
      p.nullTimestamps = in.readLong();
      p.totalPoints = in.readLong();
      p.truncated = in.readBoolean();
      boolean single = in.readBoolean();
      int length = (single ? SINGLE_BYTES : FULL_BYTES) * size;
      ByteBuffer bytes = buffer(length);
      in.readFully(bytes.array(), 0, length);
      for (int i = 0; i < size; i++) {
        p.times[i] = bytes.getLong();
        p.sums[i] = bytes.getDouble();
        if (single) {
          p.lasts[i] = p.sums[i];
          p.observed[i] = 1;
          p.points[i] = 1;
        } else {
          p.lasts[i] = bytes.getDouble();
          p.observed[i] = bytes.getInt();
          p.points[i] = bytes.getInt();
        }
      }
      p.size = size;
      p.sortedPrefix = size;
      return p;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
