package io.timerbeam.transforms;

import io.timerbeam.model.series.SeriesPoints;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.beam.sdk.coders.CustomCoder;

/**
 * Compacts {@link SeriesPoints}, then writes the entries as raw big-endian numbers: time and value
 * per entry when each is one observed point (the usual case: half the bytes to shuffle and sort),
 * else time, sum, last, observed and point counts.
 */
final class SeriesPointsCoder extends CustomCoder<SeriesPoints> {
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
    out.writeInt(p.retain());
    out.writeInt(p.size());
    out.writeLong(p.nullTimestamps());
    out.writeLong(p.totalPoints());
    out.writeBoolean(p.truncated());
    out.writeBoolean(single);
    int length = (single ? SINGLE_BYTES : FULL_BYTES) * p.size();
    ByteBuffer bytes = buffer(length);
    for (int i = 0; i < p.size(); i++) {
      bytes.putLong(p.time(i)).putDouble(p.sum(i));
      if (!single) {
        bytes.putDouble(p.last(i)).putInt(p.observed(i)).putInt(p.points(i));
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
    long nullTimestamps = in.readLong();
    long totalPoints = in.readLong();
    boolean truncated = in.readBoolean();
    boolean single = in.readBoolean();
    int length = (single ? SINGLE_BYTES : FULL_BYTES) * size;
    ByteBuffer bytes = buffer(length);
    in.readFully(bytes.array(), 0, length);
    int capacity = Math.max(16, size);
    long[] times = new long[capacity];
    double[] sums = new double[capacity];
    double[] lasts = new double[capacity];
    int[] observed = new int[capacity];
    int[] points = new int[capacity];
    for (int i = 0; i < size; i++) {
      times[i] = bytes.getLong();
      sums[i] = bytes.getDouble();
      if (single) {
        lasts[i] = sums[i];
        observed[i] = 1;
        points[i] = 1;
      } else {
        lasts[i] = bytes.getDouble();
        observed[i] = bytes.getInt();
        points[i] = bytes.getInt();
      }
    }
    return SeriesPoints.restore(retain, times, sums, lasts, observed, points, size, nullTimestamps, totalPoints, truncated);
  }

  @Override
  public void verifyDeterministic() {}
}
