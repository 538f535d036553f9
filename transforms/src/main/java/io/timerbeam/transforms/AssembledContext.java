package io.timerbeam.transforms;

import io.timerbeam.model.output.EngineScale;
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
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One series ready for the model: its id, the grid-aligned context (NaN = missing, oldest
 * first), the time of its last observed point (a backtest window's: its cutoff) and the times of
 * the steps to forecast; for a backtest or anomaly window also what it is scored against.
 */
final class AssembledContext {
  private final Row id;
  private final long contextEndMillis;
  private final long[] forecastMillis;
  private final double[] values;
  private final int scaleExponent;
  private final @Nullable WindowTarget target;

  AssembledContext(Row id, long contextEndMillis, long[] forecastMillis, double[] values) {
    this(id, contextEndMillis, forecastMillis, values, null);
  }

  AssembledContext(Row id, long contextEndMillis, long[] forecastMillis, double[] values, @Nullable WindowTarget target) {
    this.id = id;
    this.contextEndMillis = contextEndMillis;
    this.forecastMillis = forecastMillis;
    this.values = values;
    this.scaleExponent = EngineScale.exponent(values);
    this.target = target;
  }

  Row id() {
    return id;
  }

  long contextEndMillis() {
    return contextEndMillis;
  }

  /** Steps to forecast: the one record of the horizon after assembly, which the engine call reads. */
  int horizon() {
    return forecastMillis.length;
  }

  /** Time of horizon step h+1 at index h. Not copied: callers must not modify it. */
  long[] forecastMillis() {
    return forecastMillis;
  }

  /** The context, oldest first. Not copied: callers must not modify it. */
  double[] values() {
    return values;
  }

  /** The engine gets the context times 2^scaleExponent ({@link EngineScale}). */
  int scaleExponent() {
    return scaleExponent;
  }

  /** The engine's output [row][step] for the scaled context, in the data's units. */
  double[][] inDataUnits(float[][] engineOutput) {
    return EngineScale.inDataUnits(engineOutput, scaleExponent);
  }

  /** A window's actuals and what else scores it ({@link WindowTarget}); only for a window. */
  WindowTarget target() {
    if (target == null) {
      throw new IllegalStateException("series " + id + " is not a window");
    }
    return target;
  }

  /** Encodes the id with the id schema's row coder and the arrays as raw big-endian numbers. */
  static final class Coder extends CustomCoder<AssembledContext> {
    private static final long serialVersionUID = 1L;
    private static final byte NO_TARGET = 0;
    private static final byte BACKTEST_TARGET = 1;
    private static final byte ANOMALY_TARGET = 2;
    private static final byte CALIBRATION_TARGET = 3;
    /** Costly to serialize (a schema), and the DirectRunner serializes the coders of a ParDo for each bundle. */
    private final SerializedOnce<RowCoder> idCoder;

    Coder(Schema idSchema) {
      this.idCoder = SerializedOnce.of(RowCoder.of(idSchema));
    }

    @Override
    public void encode(AssembledContext value, OutputStream outStream) throws IOException {
      idCoder.get().encode(value.id, outStream);
      DataOutputStream out = new DataOutputStream(outStream);
      out.writeLong(value.contextEndMillis);
      out.writeInt(value.forecastMillis.length);
      out.writeInt(value.values.length);
      ByteBuffer bytes = ByteBuffer.allocate(8 * (value.forecastMillis.length + value.values.length));
      bytes.asLongBuffer().put(value.forecastMillis);
      bytes.position(8 * value.forecastMillis.length);
      bytes.asDoubleBuffer().put(value.values);
      out.write(bytes.array());
      out.writeByte(value.target == null ? NO_TARGET : value.target.isCalibrationWindow() ? CALIBRATION_TARGET
          : value.target.isAnomalyWindow() ? ANOMALY_TARGET : BACKTEST_TARGET);
      if (value.target != null && value.target.isAnomalyWindow()) {
        ByteBuffer actuals = ByteBuffer.allocate(8 * value.target.actuals().length);
        actuals.asDoubleBuffer().put(value.target.actuals());
        out.write(actuals.array());
        for (boolean scored : value.target.scoredSteps()) {
          out.writeBoolean(scored);
        }
      } else if (value.target != null) {
        int steps = value.target.actuals().length;
        ByteBuffer target = ByteBuffer.allocate(8 * (2 * steps + 1));
        target.asDoubleBuffer().put(value.target.actuals()).put(value.target.baseline()).put(value.target.scale());
        out.write(target.array());
        out.writeBoolean(value.target.countsSeries());
      }
      out.flush();
    }

    @Override
    public AssembledContext decode(InputStream inStream) throws IOException {
      Row id = idCoder.get().decode(inStream);
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
      WindowTarget target = null;
      byte kind = in.readByte();
      if (kind == ANOMALY_TARGET || kind == CALIBRATION_TARGET) {
        int steps = forecastMillis.length;
        byte[] rawActuals = new byte[8 * steps];
        in.readFully(rawActuals);
        double[] actuals = new double[steps];
        ByteBuffer.wrap(rawActuals).asDoubleBuffer().get(actuals);
        boolean[] scored = new boolean[steps];
        for (int h = 0; h < steps; h++) {
          scored[h] = in.readBoolean();
        }
        target = kind == CALIBRATION_TARGET ? WindowTarget.calibrationSteps(actuals) : WindowTarget.anomalySteps(actuals, scored);
      } else if (kind == BACKTEST_TARGET) {
        int steps = forecastMillis.length;
        byte[] rawTarget = new byte[8 * (2 * steps + 1)];
        in.readFully(rawTarget);
        java.nio.DoubleBuffer doubles = ByteBuffer.wrap(rawTarget).asDoubleBuffer();
        double[] actuals = new double[steps];
        double[] baseline = new double[steps];
        doubles.get(actuals).get(baseline);
        target = new WindowTarget(actuals, baseline, doubles.get(), in.readBoolean());
      }
      return new AssembledContext(id, end, forecastMillis, values, target);
    }

    @Override
    public List<? extends org.apache.beam.sdk.coders.Coder<?>> getCoderArguments() {
      return List.of(idCoder.get());
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
      idCoder.get().verifyDeterministic();
    }
  }
}
