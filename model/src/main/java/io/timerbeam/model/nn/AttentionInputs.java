package io.timerbeam.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * What attention needs for the new tokens of one pass over a left-padded batch: RoPE tables at
 * each row's own positions (0 at the row's first real token; padding tokens at 0) and an additive
 * mask that is causal over the row's own tokens and hides its padding tokens as keys. A padding
 * query sees itself only, so its softmax stays finite; its output is discarded.
 */
public final class AttentionInputs {
  /** [B, 1, Tnew, hd] each; sin with its first half negated (rotate_half's sign). */
  private final NDArray cos;
  private final NDArray sin;
  /** [B, 1, Tnew, Tpast + Tnew]. */
  private final NDArray mask;
  private final int headDim;
  private final long pastTokens;

  private AttentionInputs(NDArray cos, NDArray sin, NDArray mask, int headDim, long pastTokens) {
    this.cos = cos;
    this.sin = sin;
    this.mask = mask;
    this.headDim = headDim;
    this.pastTokens = pastTokens;
  }

  /**
   * For tokens {@code from..tokens-1} of each row attending to tokens {@code 0..tokens-1}, row
   * {@code s} starting with {@code padTokens[s]} padding tokens.
   *
   * @param ropeBase the RoPE base theta: inv_k = base^(-2k/hd), computed in double
   */
  public static AttentionInputs forRows(NDManager scope, int[] padTokens, int from, int tokens, int headDim, double ropeBase,
      DataType computeType) {
    int batch = padTokens.length;
    int n = tokens - from;
    int half = headDim / 2;
    double[] invFreq = new double[half];
    for (int j = 0; j < half; j++) {
      invFreq[j] = Math.pow(ropeBase, -2.0 * j / headDim);
    }
    float[] cos = new float[batch * n * headDim];
    float[] sin = new float[batch * n * headDim];
    float[] pads = new float[batch];
    for (int s = 0; s < batch; s++) {
      pads[s] = padTokens[s];
      for (int t = 0; t < n; t++) {
        int position = Math.max(0, from + t - padTokens[s]);
        int base = (s * n + t) * headDim;
        for (int j = 0; j < half; j++) {
          double angle = position * invFreq[j];
          cos[base + j] = cos[base + j + half] = (float) Math.cos(angle);
          // rotate_half's sign lives in the table: [-x2, x1] * sin = [x2, x1] * [-sin, sin], exactly.
          sin[base + j] = -(sin[base + j + half] = (float) Math.sin(angle));
        }
      }
    }
    Shape table = new Shape(batch, 1, n, headDim);
    NDArray key = scope.arange(0f, (float) tokens).reshape(1, 1, 1, tokens);
    NDArray query = scope.arange((float) from, (float) tokens).reshape(1, 1, n, 1);
    NDArray firstOwn = scope.create(pads, new Shape(batch, 1, 1, 1));
    NDArray allowed = key.lte(query).logicalAnd(key.gte(firstOwn)).logicalOr(key.eq(query));
    NDArray additive = allowed.toType(DataType.FLOAT32, false).sub(1f).mul(1e30f);
    return new AttentionInputs(typed(scope.create(cos, table), computeType), typed(scope.create(sin, table), computeType),
        typed(additive, computeType), headDim, from);
  }

  private static NDArray typed(NDArray x, DataType type) {
    return x.getDataType() == type ? x : x.toType(type, false);
  }

  /** [B, 1, Tnew, hd]: the RoPE cosines for the new tokens. */
  public NDArray cos() {
    return cos;
  }

  /** [B, 1, Tnew, hd]: the RoPE sines, the first half negated (rotate_half's sign). */
  public NDArray sin() {
    return sin;
  }

  /** [B, 1, Tnew, Tpast + Tnew]: 0 where a query may attend, -1e30 elsewhere. */
  public NDArray mask() {
    return mask;
  }

  /** Tokens the layers' caches must hold before this pass. */
  public long pastTokens() {
    return pastTokens;
  }

  /** x * cos + rotate_half(x) * sin on [B, heads, Tnew, hd], rotate_half(x) = [-x2, x1]. */
  public NDArray rope(NDArray x) {
    int half = headDim / 2;
    NDArray x1 = x.get(new NDIndex("..., :{}", half));
    NDArray x2 = x.get(new NDIndex("..., {}:", half));
    NDArray rotated = NDArrays.concat(new NDList(x2, x1), -1);
    return x.mul(cos).addi(rotated.muli(sin));
  }

  /** softmax(q k^T / sqrt(hd) + mask) v over [B, heads, ...], appending k and v to the layer's cache first. */
  public NDArray attend(NDArray q, NDArray k, NDArray v, KvCache cache) {
    cache.checkLength(pastTokens);
    NDList kv = cache.append(k, v);
    NDArray scores = q.matMul(kv.get(0).transpose(0, 1, 3, 2)).muli(1.0 / Math.sqrt(headDim)).addi(mask);
    return scores.softmax(-1).matMul(kv.get(1));
  }
}
