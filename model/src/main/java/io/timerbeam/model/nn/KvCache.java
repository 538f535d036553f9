package io.timerbeam.model.nn;

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

  /** Fails unless the cache holds {@code pastTokens} tokens: a layer skipped by an earlier pass would attend to a stale past. */
  public void checkLength(long pastTokens) {
    if (length() != pastTokens) {
      throw new IllegalStateException("attention cache holds " + length() + " tokens, the pass expects " + pastTokens);
    }
  }

  /**
   * The cached [keys, values], or empty float32 ones [B, heads, 0, hd] in {@code scope} before the
   * first pass: for a kernel that appends the new tokens itself and hands back {@link #replace}'s arguments.
   */
  public NDArray[] pastOrEmpty(AttentionInputs attention, NDManager scope, long batch, int heads, int headDim) {
    checkLength(attention.pastTokens());
    if (keys != null) {
      return new NDArray[] {keys, values};
    }
    NDArray empty = scope.zeros(new ai.djl.ndarray.types.Shape(batch, heads, 0, headDim));
    return new NDArray[] {empty, empty};
  }

  /** Replaces the cache by keys and values that extend it (closing the superseded ones, which nothing else holds). */
  public void replace(NDArray grownKeys, NDArray grownValues) {
    if (keys != null) {
      keys.close();
      values.close();
    }
    keys = grownKeys;
    values = grownValues;
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
