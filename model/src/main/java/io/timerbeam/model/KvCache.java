package io.timerbeam.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Keys (after RoPE, and QK-norm where a family has it) and values of one attention layer for every token seen so far,
 * [B, heads, tokens, head_dim]. Under causal attention past positions never change, so a later
 * autoregressive pass runs only its new tokens. Lives in the caller's per-forecast NDManager scope
 * (or a narrower one it is {@linkplain #attach attached} out of).
 */
public final class KvCache {
  private NDArray keys;
  private NDArray values;

  /** One empty cache per attention layer. */
  public static KvCache[] forLayers(int layers) {
    KvCache[] caches = new KvCache[layers];
    for (int i = 0; i < layers; i++) {
      caches[i] = new KvCache();
    }
    return caches;
  }

  /** Tokens cached so far. */
  public long length() {
    return keys == null ? 0 : keys.getShape().get(2);
  }

  /** Moves the cached arrays to {@code manager}, so they outlive the scope of the pass that made them. */
  public void attach(NDManager manager) {
    if (keys != null) {
      keys.attach(manager);
      values.attach(manager);
    }
  }

  /** Appends this pass's keys and values and returns the full sequences [keys, values]. */
  public NDList append(NDArray newKeys, NDArray newValues) {
    if (keys == null) {
      keys = newKeys;
      values = newValues;
    } else {
      NDArray oldKeys = keys;
      NDArray oldValues = values;
      keys = NDArrays.concat(new NDList(keys, newKeys), 2);
      values = NDArrays.concat(new NDList(values, newValues), 2);
      oldKeys.close(); // nothing else holds a pass's superseded cache; it would stay until the call ends
      oldValues.close();
    }
    return new NDList(keys, values);
  }
}
