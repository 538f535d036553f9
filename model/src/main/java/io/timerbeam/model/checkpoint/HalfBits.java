package io.timerbeam.model.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.stream.IntStream;

/**
 * Widens stored 16-bit floats (bf16 or IEEE f16 bit patterns) to float32 exactly, in Java: DJL's
 * PyTorch JNI aborts on BF16 arrays, and every bf16 and f16 value is exactly a float32. Large
 * runs are split over the common fork-join pool: this runs while the engine's threads are idle.
 */
public final class HalfBits {
  /** Below this many elements one thread is faster than handing out work. */
  private static final int PARALLEL_THRESHOLD = 1 << 20;

  private HalfBits() {}

  /**
   * dst[dstPos + i] = value of src[srcPos + i] for i in [0, n), positions in elements: {@code src}
   * holds little-endian 16-bit patterns, {@code dst} receives little-endian float32s (the engine's
   * memory on every platform DJL ships natives for).
   */
  public static void widen(StorageType type, ByteBuffer src, int srcPos, ByteBuffer dst, int dstPos, int n) {
    if (type != StorageType.BF16 && type != StorageType.F16) {
      throw new IllegalArgumentException(type + " is not a 16-bit float type");
    }
    boolean bf16 = type == StorageType.BF16;
    int parts = n < PARALLEL_THRESHOLD ? 1 : Math.min(Runtime.getRuntime().availableProcessors(), n / (PARALLEL_THRESHOLD / 2));
    if (parts <= 1) {
      widenRange(bf16, src, srcPos, dst, dstPos, n);
      return;
    }
    int per = ((n + parts - 1) / parts + 3) & ~3; // whole longs of four values per part
    IntStream.range(0, parts).parallel().forEach(k -> {
      int from = Math.min(n, k * per);
      widenRange(bf16, src, srcPos + from, dst, dstPos + from, Math.min(per, n - from));
    });
  }

  private static void widenRange(boolean bf16, ByteBuffer src, int srcPos, ByteBuffer dst, int dstPos, int n) {
    if (n <= 0) {
      return;
    }
    ByteBuffer in = src.duplicate().position(srcPos * 2).slice().order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer out = dst.duplicate().position(dstPos * 4).slice().order(ByteOrder.LITTLE_ENDIAN);
    int i = 0;
    if (bf16) {
      // Four values per 64-bit read, two per 64-bit write: each bf16 moves to the top half of its float32.
      LongBuffer in4 = in.asLongBuffer();
      LongBuffer out2 = out.asLongBuffer();
      int quads = n / 4;
      for (int k = 0; k < quads; k++) {
        long v = in4.get(k);
        out2.put(2 * k, ((v & 0xFFFFL) << 16) | ((v & 0xFFFF0000L) << 32));
        out2.put(2 * k + 1, ((v >>> 16) & 0xFFFF0000L) | ((v & 0xFFFF000000000000L)));
      }
      i = quads * 4;
    }
    ShortBuffer rest = in.asShortBuffer();
    FloatBuffer restOut = out.asFloatBuffer();
    for (; i < n; i++) {
      restOut.put(i, bf16 ? bf16(rest.get(i)) : f16(rest.get(i)));
    }
  }

  /** bf16 is the top half of a float32. */
  static float bf16(short bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }

  /** IEEE binary16: 1 sign, 5 exponent (bias 15), 10 mantissa bits. */
  static float f16(short bits) {
    int h = bits & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1F;
    int mantissa = h & 0x3FF;
    if (exponent == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13)); // inf, NaN (payload kept)
    }
    if (exponent == 0) {
      float subnormal = mantissa * 0x1p-24f; // exact: at most 10 significant bits
      return sign == 0 ? subnormal : -subnormal;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13)); // rebias 15 -> 127
  }
}
