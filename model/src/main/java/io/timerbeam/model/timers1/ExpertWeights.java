package io.timerbeam.model.timers1;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.timerbeam.model.checkpoint.HalfBits;
import io.timerbeam.model.checkpoint.StorageType;
import java.nio.ByteBuffer;

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
  private final ByteBuffer gateUpSource;
  private final ByteBuffer downSource;

  /** Resident bfloat16 stacks [E, 2w, D] and [E, D, w] for the TorchScript kernels (bfloat16 compute). */
  private final NDArray gateUpBfloat16;
  private final NDArray downBfloat16;

  private ExpertWeights(ExpertMatrices float32, StorageType storage, NDArray gateUpBits, NDArray downBits) {
    this(float32, storage, gateUpBits, downBits, null, null);
  }

  private ExpertWeights(ExpertMatrices float32, StorageType storage, NDArray gateUpBits, NDArray downBits,
      NDArray gateUpBfloat16, NDArray downBfloat16) {
    this.gateUpBfloat16 = gateUpBfloat16;
    this.downBfloat16 = downBfloat16;
    this.float32 = float32;
    this.storage = storage;
    this.gateUpBits = gateUpBits;
    this.downBits = downBits;
    this.gateUpSource = gateUpBits == null ? null : gateUpBits.toByteBuffer(true);
    this.downSource = downBits == null ? null : downBits.toByteBuffer(true);
  }

  /** Stacks [E, 2w, D] and [E, D, w]. */
  static ExpertWeights float32(NDArray gateUp, NDArray down) {
    return new ExpertWeights(new ExpertMatrices(gateUp, down), null, null, null);
  }

  /** Stacks [E, 2w, D] and [E, D, w] holding {@code storage}'s bit patterns (FLOAT16-typed arrays). */
  static ExpertWeights storedHalf(NDArray gateUpBits, NDArray downBits, StorageType storage) {
    if (gateUpBits.getDataType() != DataType.FLOAT16 || downBits.getDataType() != DataType.FLOAT16) {
      throw new IllegalArgumentException("stored 16-bit experts must be FLOAT16-typed arrays of bit patterns");
    }
    return new ExpertWeights(null, storage, gateUpBits, downBits);
  }

  /** Bfloat16 stacks [E, 2w, D] and [E, D, w], converted by the kernels; read only by them. */
  static ExpertWeights bfloat16(NDArray gateUp, NDArray down) {
    return new ExpertWeights(null, null, null, null, gateUp, down);
  }

  /** Stored 16-bit bit patterns widened per pass (float32 compute). */
  boolean isHalf() {
    return gateUpBits != null;
  }

  /** The bfloat16 stacks {gate_up [E, 2w, D], down [E, D, w]}, or null unless computing in bfloat16. */
  NDArray[] bfloat16Stacks() {
    return gateUpBfloat16 == null ? null : new NDArray[] {gateUpBfloat16, downBfloat16};
  }

  long elementCount() {
    if (gateUpBfloat16 != null) {
      return gateUpBfloat16.size() + downBfloat16.size();
    }
    return isHalf() ? gateUpBits.size() + downBits.size() : float32.gateUpT.size() + float32.downT.size(); // views: same sizes
  }

  /** A float32 scratch of this decoder's shape, for {@link #all} and {@link #expert}. */
  ExpertScratch newScratch(ai.djl.ndarray.NDManager parent) {
    return new ExpertScratch(parent, gateUpBits.getShape(), downBits.getShape());
  }

  /** Every expert's float32 stacks for one pass: the resident ones, or all widened into the call's scratch. */
  ExpertMatrices all(ExpertScratch scratch) {
    if (!isHalf()) {
      return float32;
    }
    HalfBits.widen(storage, gateUpSource, 0, scratch.allGateUpValues(), 0, gateUpSource.capacity() / 2);
    HalfBits.widen(storage, downSource, 0, scratch.allDownValues(), 0, downSource.capacity() / 2);
    return scratch.all();
  }

  /**
   * Expert {@code e}'s float32 matrices {[D, 2w], [w, D]}: views of the resident stacks, or the
   * call's one-expert scratch widened now (valid until the next expert is asked for).
   */
  NDArray[] expert(int e, ExpertScratch scratch) {
    if (!isHalf()) {
      return new NDArray[] {float32.gateUpTPerExpert.get(e), float32.downTPerExpert.get(e)};
    }
    int gateUpSize = scratch.oneGateUpValues.capacity() / 4;
    int downSize = scratch.oneDownValues.capacity() / 4;
    HalfBits.widen(storage, gateUpSource, e * gateUpSize, scratch.oneGateUpValues, 0, gateUpSize);
    HalfBits.widen(storage, downSource, e * downSize, scratch.oneDownValues, 0, downSize);
    return new NDArray[] {scratch.oneGateUpT, scratch.oneDownT};
  }
}
