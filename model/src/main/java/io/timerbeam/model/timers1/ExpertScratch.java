package io.timerbeam.model.timers1;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;

/**
 * One call's float32 memory that 16-bit resident experts are widened into: one expert's
 * matrices, which the per-expert path refills expert by expert, and (only if a pass takes the
 * batched path, which tests pin) every expert's. Reused by later calls, so a worker holds one per
 * concurrent call. Each part lives in its own capped manager under the weights' manager.
 */
final class ExpertScratch {
  private final NDManager parent;
  private final Shape gateUp;
  private final Shape down;
  /** One expert's [D, 2w] and [w, D], views of its [2w, D] and [D, w] memory. */
  final NDArray oneGateUpT;
  final NDArray oneDownT;
  /** Java views of the arrays' memory, taken before their manager is capped (a view is an array too). */
  final ByteBuffer oneGateUpValues;
  final ByteBuffer oneDownValues;
  private ExpertMatrices all;
  private ByteBuffer allGateUpValues;
  private ByteBuffer allDownValues;

  /** @param gateUp [E, 2w, D] and {@code down} [E, D, w]: the stacks' shapes */
  ExpertScratch(NDManager parent, Shape gateUp, Shape down) {
    this.parent = parent;
    this.gateUp = gateUp;
    this.down = down;
    NDManager manager = parent.newSubManager();
    NDArray oneGateUp = manager.create(gateUp.slice(1), DataType.FLOAT32);
    NDArray oneDown = manager.create(down.slice(1), DataType.FLOAT32);
    oneGateUpT = oneGateUp.transpose();
    oneDownT = oneDown.transpose();
    oneGateUpValues = values(oneGateUp);
    oneDownValues = values(oneDown);
    manager.cap();
  }

  /** Every expert's float32 stacks, made on first use. */
  ExpertMatrices all() {
    if (all == null) {
      NDManager manager = parent.newSubManager();
      NDArray gateUpAll = manager.create(gateUp, DataType.FLOAT32);
      NDArray downAll = manager.create(down, DataType.FLOAT32);
      all = new ExpertMatrices(gateUpAll, downAll);
      allGateUpValues = values(gateUpAll);
      allDownValues = values(downAll);
      manager.cap();
    }
    return all;
  }

  ByteBuffer allGateUpValues() {
    all();
    return allGateUpValues;
  }

  ByteBuffer allDownValues() {
    all();
    return allDownValues;
  }

  private static ByteBuffer values(NDArray a) {
    return a.toByteBuffer(true);
  }
}
