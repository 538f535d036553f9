package io.timerbeam.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * One call's float32 experts, in its own capped manager, that 16-bit resident experts are widened
 * into layer by layer; reused by later calls, so a worker holds one per concurrent call, not one
 * per layer.
 */
final class ExpertScratch {
  final ExpertMatrices matrices;
  /** Java views of the matrices' memory (taken before the manager is capped: a view is an array too). */
  final FloatBuffer gateUpValues;
  final FloatBuffer downValues;

  ExpertScratch(NDManager parent, Shape gateUpT, Shape downT) {
    NDManager manager = parent.newSubManager(); // closes with the weights
    NDArray gateUp = manager.create(gateUpT, DataType.FLOAT32);
    NDArray down = manager.create(downT, DataType.FLOAT32);
    matrices = new ExpertMatrices(gateUp, down);
    gateUpValues = gateUp.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    downValues = down.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    manager.cap();
  }
}
