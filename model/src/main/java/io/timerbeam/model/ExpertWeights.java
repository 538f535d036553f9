package io.timerbeam.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * A decoder's experts, resident either as float32 matrices or, for a 16-bit checkpoint, as their
 * stored bit patterns (half the memory: the experts are ~97% of the release's weights) that each
 * pass widens exactly into float32 scratch matrices of its call, only for the experts it routes to.
 */
final class ExpertWeights {
  private final ExpertMatrices float32;
  private final StorageType storage;
  private final NDArray gateUpBits;
  private final NDArray downBits;
  /** Java views of the bits, taken at load (the weights' manager is capped afterwards; a view is an array too). */
  private final ShortBuffer gateUpSource;
  private final ShortBuffer downSource;

  private ExpertWeights(ExpertMatrices float32, StorageType storage, NDArray gateUpBits, NDArray downBits) {
    this.float32 = float32;
    this.storage = storage;
    this.gateUpBits = gateUpBits;
    this.downBits = downBits;
    this.gateUpSource = gateUpBits == null ? null : gateUpBits.toByteBuffer(true).order(ByteOrder.nativeOrder()).asShortBuffer();
    this.downSource = downBits == null ? null : downBits.toByteBuffer(true).order(ByteOrder.nativeOrder()).asShortBuffer();
  }

  static ExpertWeights float32(NDArray gateUpT, NDArray downT) {
    return new ExpertWeights(new ExpertMatrices(gateUpT, downT), null, null, null);
  }

  /** Stacks laid out like {@link ExpertMatrices}' but holding {@code storage}'s bit patterns (FLOAT16-typed arrays). */
  static ExpertWeights storedHalf(NDArray gateUpBitsT, NDArray downBitsT, StorageType storage) {
    if (gateUpBitsT.getDataType() != DataType.FLOAT16 || downBitsT.getDataType() != DataType.FLOAT16) {
      throw new IllegalArgumentException("stored 16-bit experts must be FLOAT16-typed arrays of bit patterns");
    }
    return new ExpertWeights(null, storage, gateUpBitsT, downBitsT);
  }

  boolean isHalf() {
    return float32 == null;
  }

  long elementCount() {
    return isHalf() ? gateUpBits.size() + downBits.size() : float32.gateUpT.size() + float32.downT.size();
  }

  long residentBytes() {
    return elementCount() * (isHalf() ? 2 : 4);
  }

  /** A float32 scratch of this decoder's shape, for {@link #forPass}. */
  ExpertScratch newScratch(ai.djl.ndarray.NDManager parent) {
    return new ExpertScratch(parent, gateUpBits.getShape(), downBits.getShape());
  }

  /**
   * The matrices one pass multiplies by: the resident ones, or {@code scratch} with each expert
   * {@code routed} (null: all) widened into it; the others keep stale values and get no rows.
   */
  ExpertMatrices forPass(ExpertScratch scratch, boolean[] routed) {
    if (!isHalf()) {
      return float32;
    }
    widen(gateUpSource, scratch.gateUpValues, routed);
    widen(downSource, scratch.downValues, routed);
    return scratch.matrices;
  }

  private void widen(ShortBuffer src, FloatBuffer dst, boolean[] routed) {
    int experts = (int) gateUpBits.getShape().get(0);
    int perExpert = src.capacity() / experts;
    if (routed == null) {
      HalfBits.widen(storage, src, 0, dst, 0, perExpert * experts);
      return;
    }
    for (int e = 0; e < experts; e++) {
      if (routed[e]) {
        HalfBits.widen(storage, src, e * perExpert, dst, e * perExpert, perExpert);
      }
    }
  }
}
