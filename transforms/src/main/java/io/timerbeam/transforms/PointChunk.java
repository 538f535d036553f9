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
 * Some points of one series, gathered within a bundle so that the grouping by series moves a few
 * arrays instead of one element per point. Values are NaN where missing; points without a
 * timestamp are only counted (they make the series fail).
 */
final class PointChunk {
  private long[] times;
  private double[] values;
  private int size;
  private int nullTimestamps;

  PointChunk() {
    this(new long[16], new double[16], 0, 0);
  }

  private PointChunk(long[] times, double[] values, int size, int nullTimestamps) {
    this.times = times;
    this.values = values;
    this.size = size;
    this.nullTimestamps = nullTimestamps;
  }

  void add(Long timeMillis, double value) {
    if (timeMillis == null) {
      nullTimestamps++;
      return;
    }
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    times[size] = timeMillis;
    values[size++] = value;
  }

  int size() {
    return size;
  }

  long time(int i) {
    return times[i];
  }

  double value(int i) {
    return values[i];
  }

  int nullTimestamps() {
    return nullTimestamps;
  }

  /** Writes the used part of the arrays as raw big-endian numbers. */
  static final class Coder extends CustomCoder<PointChunk> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(PointChunk chunk, OutputStream outStream) throws IOException {
      DataOutputStream out = new DataOutputStream(outStream);
      out.writeInt(chunk.size);
      out.writeInt(chunk.nullTimestamps);
      ByteBuffer bytes = ByteBuffer.allocate(16 * chunk.size);
      bytes.asLongBuffer().put(chunk.times, 0, chunk.size);
      bytes.position(8 * chunk.size);
      bytes.asDoubleBuffer().put(chunk.values, 0, chunk.size);
      out.write(bytes.array());
      out.flush();
    }

    @Override
    public PointChunk decode(InputStream inStream) throws IOException {
      DataInputStream in = new DataInputStream(inStream);
      int size = in.readInt();
      int nullTimestamps = in.readInt();
      byte[] raw = new byte[16 * size];
      in.readFully(raw);
      ByteBuffer bytes = ByteBuffer.wrap(raw);
      long[] times = new long[size];
      double[] values = new double[size];
      bytes.asLongBuffer().get(times);
      bytes.position(8 * size);
      bytes.asDoubleBuffer().get(values);
      return new PointChunk(times, values, size, nullTimestamps);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
