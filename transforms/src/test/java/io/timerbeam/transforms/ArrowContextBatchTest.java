package io.timerbeam.transforms;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.timerbeam.model.ContextBatch;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

public class ArrowContextBatchTest {
  private static AssembledContext series(double... values) {
    Row id = Row.withSchema(Schema.builder().addStringField("id").build()).addValue("x").build();
    return new AssembledContext(id, 0, new long[] {1}, values);
  }

  @Test
  public void laysContextsOutLeftPaddedWithNanForPaddingAndMissingPoints() {
    double[] longer = new double[20];
    for (int i = 0; i < longer.length; i++) {
      longer[i] = i;
    }
    longer[19] = Double.NaN;
    AssembledContext shorter = series(1, 2, 3);
    AssembledContext longerSeries = series(longer);
    try (RootAllocator allocator = new RootAllocator();
        ArrowContextBatch batch = ArrowContextBatch.of(allocator, List.of(shorter, longerSeries), 16)) {
      ContextBatch view = batch.engineView();
      assertEquals(2, view.size());
      assertEquals(2, view.tokens());
      assertArrayEquals(scaled(shorter), points(view, 0), 0);
      assertArrayEquals(scaled(longerSeries), points(view, 1), 0);
      assertEquals(1, batch.paddedTokens());
      assertEquals(4, batch.totalTokens());

      Float8Vector values = (Float8Vector) ((FixedSizeListVector) batch.recordBatch().getVector(ArrowContextBatch.CONTEXT_COLUMN)).getDataVector();
      assertFalse(values.getField().isNullable());
      assertTrue(Double.isNaN(values.getDataBuffer().getDouble(0))); // padding
      assertEquals(Math.scalb(3.0, shorter.scaleExponent()), values.getDataBuffer().getDouble(31L * 8), 0); // series 0's last point
      assertTrue(Double.isNaN(values.getDataBuffer().getDouble(63L * 8))); // series 1's missing last point
    }
  }

  @Test
  public void theEngineViewIsTheArrowMemoryNotACopy() {
    try (RootAllocator allocator = new RootAllocator();
        ArrowContextBatch batch = ArrowContextBatch.of(allocator, List.of(series(1, 2, 3)), 4)) {
      Float8Vector values = (Float8Vector) ((FixedSizeListVector) batch.recordBatch().getVector(ArrowContextBatch.CONTEXT_COLUMN)).getDataVector();
      values.getDataBuffer().setDouble(3L * 8, 42.0); // the series' last point, written through Arrow
      assertEquals(42.0, points(batch.engineView(), 0)[2], 0);
    }
  }

  @Test
  public void eachContextIsScaledByThePowerOfTwoThatBringsItsStdTo2To16() {
    for (double magnitude : new double[] {1e-40, 1e-8, 1, 3e5, 1e30}) {
      AssembledContext series = series(magnitude, 2 * magnitude, Double.NaN, 3 * magnitude);
      double[] engine;
      try (RootAllocator allocator = new RootAllocator();
          ArrowContextBatch batch = ArrowContextBatch.of(allocator, List.of(series), 4)) {
        engine = points(batch.engineView(), 0);
      }
      double std = Math.sqrt(2.0 / 3) * Math.scalb(magnitude, series.scaleExponent()); // population std of 1, 2, 3
      assertTrue(magnitude + ": std " + std, std >= 65536 && std < 131072);
      for (int i = 0; i < engine.length; i++) { // a power of two: every point exactly
        assertEquals(Math.scalb(series.values()[i], series.scaleExponent()), engine[i], 0);
      }
      assertEquals(magnitude, series.inDataUnits(new float[][] {{(float) Math.scalb(magnitude, series.scaleExponent())}})[0][0],
          magnitude * 1e-7);
    }
  }

  private static double[] scaled(AssembledContext series) {
    double[] out = new double[series.values().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.scalb(series.values()[i], series.scaleExponent());
    }
    return out;
  }

  private static double[] points(ContextBatch batch, int series) {
    double[] out = new double[batch.length(series)];
    batch.points(series, out.length).get(out);
    return out;
  }
}
