package io.timerbeam.model.timerxl;

import static io.timerbeam.model.nn.NnOps.fromHeads;
import static io.timerbeam.model.nn.NnOps.lastToken;
import static io.timerbeam.model.nn.NnOps.linear;
import static io.timerbeam.model.nn.NnOps.silu;
import static io.timerbeam.model.nn.NnOps.toHeads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.timerbeam.model.kernels.TorchKernels;
import io.timerbeam.model.nn.AttentionInputs;
import io.timerbeam.model.nn.KvCache;
import io.timerbeam.model.nn.Tracer;

/**
 * One Timer-XL forward pass, top to bottom after docs/timer-xl-model.md ("Building blocks", "One
 * forward pass"): patch embedding, post-LN decoder layers (RoPE attention without QK-norm,
 * SwiGLU), final LayerNorm, one linear head on the last token. Stateless: caches and positions
 * come in with each call.
 */
final class TimerXlNetwork {
  private static final float LAYER_NORM_EPS = 1e-5f;

  private final TimerXlWeights w;
  /** Non-null under bfloat16 compute: each decoder layer is one kernel call. */
  private final TorchKernels kernels;
  private final int heads;
  private final int headDim;
  private final int intermediate;
  private final Shape normShape;

  TimerXlNetwork(TimerXlConfig config, TimerXlWeights weights) {
    this.w = weights;
    this.kernels = weights.kernels;
    this.heads = config.numAttentionHeads();
    this.headDim = config.headDim();
    this.intermediate = config.intermediateSize();
    this.normShape = new Shape(config.hiddenSize());
  }

  /** Bytes the weights hold ({@link TimerXlWeights#residentBytes}). */
  long residentBytes(long parameterCount, int bytesPerValue) {
    return w.residentBytes(parameterCount, bytesPerValue);
  }

  /** Tokens [B, Tnew, P] in normalised units -> head {@code head}'s output [B, O_head] for each row's last token. */
  NDArray forward(NDArray tokens, AttentionInputs attention, KvCache[] caches, int head, Tracer tracer) {
    NDArray h = linear(tokens, w.embed, null);
    tracer.record("embed", h);
    for (int i = 0; i < w.layers.size(); i++) {
      h = decoderLayer(w.layers.get(i), h, attention, caches[i]);
      tracer.record("layer." + i, h);
    }
    h = layerNorm(h, w.normWeight, w.normBias);
    tracer.record("backbone", h);
    return linear(lastToken(h), w.heads.get(head), null);
  }

  /** Post-LN: h = norm1(x + attn(x)); out = norm2(h + mlp(h)). */
  private NDArray decoderLayer(TimerXlWeights.Layer layer, NDArray x, AttentionInputs attention, KvCache cache) {
    if (kernels != null) {
      NDArray[] past = cache.pastOrEmpty(attention, x.getManager(), x.getShape().get(0), heads, headDim);
      NDArray[] out = kernels.xlDecoder(x, past[0], past[1], attention.cos(), attention.sin(), attention.mask(), layer.qkvWeight,
          layer.qkvBias, layer.oProj, layer.gateUp, layer.down, layer.norm1Weight, layer.norm1Bias, layer.norm2Weight,
          layer.norm2Bias, heads);
      cache.replace(out[1], out[2]);
      return out[0];
    }
    NDArray h = layerNorm(x.add(attention(layer, x, attention, cache)), layer.norm1Weight, layer.norm1Bias);
    return layerNorm(h.add(mlp(layer, h)), layer.norm2Weight, layer.norm2Bias);
  }

  private NDArray attention(TimerXlWeights.Layer layer, NDArray x, AttentionInputs attention, KvCache cache) {
    NDList qkv = linear(x, layer.qkvWeight, layer.qkvBias).split(3, 2);
    NDArray q = attention.rope(toHeads(qkv.get(0), heads, headDim));
    NDArray k = attention.rope(toHeads(qkv.get(1), heads, headDim));
    NDArray context = attention.attend(q, k, toHeads(qkv.get(2), heads, headDim), cache);
    return linear(fromHeads(context), layer.oProj, null);
  }

  /** down(silu(gate(x)) * up(x)), gate and up in one matmul. */
  private NDArray mlp(TimerXlWeights.Layer layer, NDArray x) {
    NDArray gateUp = linear(x, layer.gateUp, null);
    NDArray gate = gateUp.get(new NDIndex("..., :{}", intermediate));
    NDArray up = gateUp.get(new NDIndex("..., {}:", intermediate));
    return linear(silu(gate).mul(up), layer.down, null);
  }

  /** (x - mean) / sqrt(population var + 1e-5) * w + b over D. */
  private NDArray layerNorm(NDArray x, NDArray weight, NDArray bias) {
    return x.getNDArrayInternal().layerNorm(x, normShape, weight, bias, LAYER_NORM_EPS).singletonOrThrow();
  }
}
