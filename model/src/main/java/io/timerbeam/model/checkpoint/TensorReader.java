package io.timerbeam.model.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.Map;

/**
 * Loads a checkpoint's tensors by name, alone or fused: projections that read the same input are
 * joined row-wise so that each costs one matmul instead of several.
 */
public final class TensorReader {
  private final Map<String, TensorInfo> tensors;
  private final TensorLoader loader;

  public TensorReader(Map<String, TensorInfo> tensors, TensorLoader loader) {
    this.tensors = tensors;
    this.loader = loader;
  }

  public NDArray one(String name) {
    return loader.load(info(name));
  }

  public TensorInfo info(String name) {
    TensorInfo t = tensors.get(name);
    if (t == null) {
      throw new IllegalStateException("tensor '" + name + "' was not checked before loading");
    }
    return t;
  }

  /** The named tensors joined along their first axis. */
  public NDArray fused(String... names) {
    NDList parts = new NDList();
    for (String n : names) {
      parts.add(one(n));
    }
    NDArray out = NDArrays.concat(parts, 0);
    parts.close();
    return out;
  }
}
