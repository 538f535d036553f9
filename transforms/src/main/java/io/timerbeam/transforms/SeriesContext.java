package io.timerbeam.transforms;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * One series ready for the model: its id, the grid-aligned context (NaN = missing, oldest
 * first), the time of its last observed point and the times of the steps to forecast.
 */
final class SeriesContext {
  private final Row id;
  private final long contextEndMillis;
  private final long[] forecastMillis;
  private final double[] values;

  SeriesContext(Row id, long contextEndMillis, long[] forecastMillis, double[] values) {
    this.id = id;
    this.contextEndMillis = contextEndMillis;
    this.forecastMillis = forecastMillis;
    this.values = values;
  }

  Row id() {
    return id;
  }

  long contextEndMillis() {
    return contextEndMillis;
  }

  /** Time of horizon step h+1 at index h. Not copied: callers must not modify it. */
  long[] forecastMillis() {
    return forecastMillis;
  }

  /** The context, oldest first. Not copied: callers must not modify it. */
  double[] values() {
    return values;
  }

  /** Encodes the id with the id schema's row coder and the arrays as raw big-endian numbers. */
  static final class Coder extends CustomCoder<SeriesContext> {
    private static final long serialVersionUID = 1L;
    private final RowCoder idCoder;

    Coder(Schema idSchema) {
      this.idCoder = RowCoder.of(idSchema);
    }

    @Override
    public void encode(SeriesContext value, OutputStream outStream) throws IOException {
      idCoder.encode(value.id, outStream);
      DataOutputStream out = new DataOutputStream(outStream);
      out.writeLong(value.contextEndMillis);
      out.writeInt(value.forecastMillis.length);
      out.writeInt(value.values.length);
      ByteBuffer bytes = ByteBuffer.allocate(8 * (value.forecastMillis.length + value.values.length));
      bytes.asLongBuffer().put(value.forecastMillis);
      bytes.position(8 * value.forecastMillis.length);
      bytes.asDoubleBuffer().put(value.values);
      out.write(bytes.array());
      out.flush();
    }

    @Override
    public SeriesContext decode(InputStream inStream) throws IOException {
      Row id = idCoder.decode(inStream);
      DataInputStream in = new DataInputStream(inStream);
      long end = in.readLong();
      long[] forecastMillis = new long[in.readInt()];
      double[] values = new double[in.readInt()];
      byte[] raw = new byte[8 * (forecastMillis.length + values.length)];
      in.readFully(raw);
      ByteBuffer bytes = ByteBuffer.wrap(raw);
      bytes.asLongBuffer().get(forecastMillis);
      bytes.position(8 * forecastMillis.length);
      bytes.asDoubleBuffer().get(values);
      return new SeriesContext(id, end, forecastMillis, values);
    }

    @Override
    public List<? extends org.apache.beam.sdk.coders.Coder<?>> getCoderArguments() {
      return List.of(idCoder);
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
      idCoder.verifyDeterministic();
    }
  }
}
