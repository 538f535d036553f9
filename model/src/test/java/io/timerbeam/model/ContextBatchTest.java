package io.timerbeam.model;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.Test;

public class ContextBatchTest {
  @Test
  public void packLeftPadsEachRowWithNaN() {
    ContextBatch batch = ContextBatch.pack(List.of(new double[] {1, 2, 3}, new double[] {4, 5, 6, 7, 8}), 4);
    assertEquals(2, batch.tokens());
    ByteBuffer bytes = batch.bytes();
    assertTrue(Double.isNaN(bytes.getDouble(0)));
    assertEquals(1.0, bytes.getDouble(5 * 8), 0);
    assertEquals(4.0, bytes.getDouble(11 * 8), 0);
    assertArrayEquals(new double[] {6, 7, 8}, readAll(batch.points(1, 3)), 0);
  }

  /** What "the engine wraps the batch without a copy" rests on: DJL's tensor IS the direct buffer's memory. */
  @Test
  public void theEnginesFirstTensorSharesTheBatchMemory() {
    ByteBuffer bytes = ByteBuffer.allocateDirect(2 * 4 * 8).order(ByteOrder.LITTLE_ENDIAN);
    ContextBatch batch = ContextBatch.wrap(bytes, 2, 1, 4, new int[] {4, 4});
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray tensor = manager.create(batch.bytes(), new Shape(2, 4), DataType.FLOAT64);
      bytes.putDouble(5 * 8, 42.0); // written after wrapping
      assertEquals(42.0, tensor.toDoubleArray()[5], 0);
    }
  }

  @Test
  public void aBufferShorterThanTheLayoutIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ContextBatch.wrap(ByteBuffer.allocateDirect(7 * 8), 2, 1, 4, new int[] {4, 4}));
    assertEquals("values hold 7 doubles, layout needs 8", e.getMessage());
  }

  private static double[] readAll(java.nio.DoubleBuffer buffer) {
    double[] out = new double[buffer.remaining()];
    buffer.get(out);
    return out;
  }
}
