package io.timerbeam.model.checkpoint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import org.junit.Test;

/** Every one of the 65,536 bit patterns of each 16-bit type widens to its exact value. */
public class HalfBitsTest {
  private static final int PATTERNS = 1 << 16;

  /** The value from the definition: (-1)^s 2^(e - bias) (1 + m / 2^mbits), subnormals 2^(1 - bias) m / 2^mbits. */
  private static double byDefinition(int bits, int exponentBits, int mantissaBits) {
    int bias = (1 << (exponentBits - 1)) - 1;
    int mantissa = bits & ((1 << mantissaBits) - 1);
    int exponent = (bits >>> mantissaBits) & ((1 << exponentBits) - 1);
    double sign = (bits >>> (exponentBits + mantissaBits)) != 0 ? -1 : 1;
    if (exponent == (1 << exponentBits) - 1) {
      return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
    }
    double fraction = mantissa / (double) (1 << mantissaBits);
    return exponent == 0 ? sign * Math.scalb(fraction, 1 - bias) : sign * Math.scalb(1 + fraction, exponent - bias);
  }

  private static void assertSame(String what, int bits, double expected, float actual) {
    if (Double.isNaN(expected)) {
      assertTrue(what + " " + Integer.toHexString(bits) + " is NaN", Float.isNaN(actual));
    } else {
      assertEquals(what + " " + Integer.toHexString(bits), expected, actual, 0.0);
      assertEquals(what + " sign of " + Integer.toHexString(bits), Math.copySign(1.0, expected), Math.copySign(1.0f, actual), 0.0);
    }
  }

  @Test
  public void bf16MatchesItsDefinition() {
    for (int bits = 0; bits < PATTERNS; bits++) {
      assertSame("bf16", bits, byDefinition(bits, 8, 7), HalfBits.bf16((short) bits));
    }
  }

  @Test
  public void f16MatchesItsDefinitionAndTheEngine() {
    ByteBuffer all = ByteBuffer.allocateDirect(PATTERNS * 2).order(ByteOrder.nativeOrder());
    for (int bits = 0; bits < PATTERNS; bits++) {
      assertSame("f16", bits, byDefinition(bits, 5, 10), HalfBits.f16((short) bits));
      all.putShort(bits * 2, (short) bits);
    }
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
      float[] engine = m.create(all, new Shape(PATTERNS), DataType.FLOAT16).toType(DataType.FLOAT32, true).toFloatArray();
      for (int bits = 0; bits < PATTERNS; bits++) {
        assertSame("f16 vs engine", bits, engine[bits], HalfBits.f16((short) bits));
      }
    }
  }

  /** Each type through the buffer path (four at a time for bf16, and the tail), at odd offsets and lengths. */
  @Test
  public void bufferWideningMatchesElementWise() {
    for (StorageType type : new StorageType[] {StorageType.BF16, StorageType.F16}) {
      for (int n : new int[] {0, 1, 3, 4, 5, 4099}) {
        ByteBuffer src = ByteBuffer.allocateDirect((n + 3) * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n + 3; i++) {
          src.putShort(2 * i, (short) (i * 7919));
        }
        ByteBuffer dst = ByteBuffer.allocateDirect((n + 1) * 4).order(ByteOrder.LITTLE_ENDIAN);
        HalfBits.widen(type, src, 3, dst, 1, n);
        for (int i = 0; i < n; i++) {
          short bits = (short) ((i + 3) * 7919);
          float expected = type == StorageType.BF16 ? HalfBits.bf16(bits) : HalfBits.f16(bits);
          assertEquals(type + " n=" + n + " element " + i, Float.floatToRawIntBits(expected), Float.floatToRawIntBits(dst.getFloat(4 * (i + 1))));
        }
      }
    }
  }

  /** The parallel split covers every element once, at offsets, for runs above the one-thread size. */
  @Test
  public void parallelWideningCoversTheRangeAtOffsets() {
    int n = 3_000_001;
    ByteBuffer srcBytes = ByteBuffer.allocateDirect((n + 7) * 2).order(ByteOrder.LITTLE_ENDIAN);
    ShortBuffer src = srcBytes.asShortBuffer();
    for (int i = 0; i < n + 7; i++) {
      src.put(i, (short) (i * 31));
    }
    ByteBuffer dstBytes = ByteBuffer.allocateDirect((n + 5) * 4).order(ByteOrder.LITTLE_ENDIAN);
    FloatBuffer dst = dstBytes.asFloatBuffer();
    dst.put(0, -7f);
    dst.put(n + 4, -7f);
    HalfBits.widen(StorageType.BF16, srcBytes, 7, dstBytes, 4, n);
    for (int i = 0; i < n; i++) {
      if (Float.floatToRawIntBits(dst.get(4 + i)) != Float.floatToRawIntBits(HalfBits.bf16((short) ((i + 7) * 31)))) {
        throw new AssertionError("element " + i + " widened to " + dst.get(4 + i));
      }
    }
    assertEquals("before the range", -7f, dst.get(0), 0f);
    assertEquals("after the range", -7f, dst.get(n + 4), 0f);
  }
}
