package io.timerbeam.model;

import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.stream.IntStream;

/**
 * Widens stored 16-bit floats (bf16 or IEEE f16 bit patterns) to float32 exactly, in Java: DJL's
 * PyTorch JNI aborts on BF16 arrays, and every bf16 and f16 value is exactly a float32. Large
 * runs are split over the common fork-join pool: this runs while the engine's threads are idle.
 */
final class HalfBits {
  /** Below this many elements one thread is faster than handing out work. */
  private static final int PARALLEL_THRESHOLD = 1 << 20;

  private HalfBits() {}

  /** dst[dstPos + i] = value of src[srcPos + i] for i in [0, n). */
  static void widen(StorageType type, ShortBuffer src, int srcPos, FloatBuffer dst, int dstPos, int n) {
    if (type != StorageType.BF16 && type != StorageType.F16) {
      throw new IllegalArgumentException(type + " is not a 16-bit float type");
    }
    boolean bf16 = type == StorageType.BF16;
    int parts = n < PARALLEL_THRESHOLD ? 1 : Math.min(Runtime.getRuntime().availableProcessors(), n / (PARALLEL_THRESHOLD / 2));
    if (parts <= 1) {
      widenRange(bf16, src, srcPos, dst, dstPos, n);
      return;
    }
    int per = (n + parts - 1) / parts;
    IntStream.range(0, parts).parallel().forEach(k -> {
      int from = k * per;
      widenRange(bf16, src, srcPos + from, dst, dstPos + from, Math.min(per, n - from));
    });
  }

  private static void widenRange(boolean bf16, ShortBuffer src, int srcPos, FloatBuffer dst, int dstPos, int n) {
    if (bf16) {
      for (int i = 0; i < n; i++) {
        dst.put(dstPos + i, bf16(src.get(srcPos + i)));
      }
    } else {
      for (int i = 0; i < n; i++) {
        dst.put(dstPos + i, f16(src.get(srcPos + i)));
      }
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
