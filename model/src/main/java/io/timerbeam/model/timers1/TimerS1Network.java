package io.timerbeam.model.timers1;

import static io.timerbeam.model.nn.NnOps.lastToken;
import static io.timerbeam.model.nn.NnOps.linear;
import static io.timerbeam.model.nn.NnOps.silu;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.timerbeam.model.kernels.TorchKernels;
import io.timerbeam.model.nn.AttentionInputs;
import io.timerbeam.model.nn.KvCache;
import io.timerbeam.model.nn.NnOps;
import io.timerbeam.model.nn.Tracer;
import java.util.ArrayList;
import java.util.List;

/**
 * One Timer-S1 forward pass over new tokens, written top to bottom after
 * docs/timer-s1-model.md: patch embedding, backbone, head, TimeSTP modules. Stateless: the
 * caches and positions of a forecast come in through {@link Pass}.
 */
final class TimerS1Network {
  private static final float NORM_EPS = 1e-6f;
  /** Ops one expert costs when run on its own rows (gather, two matmuls, slices, silu, mul). */
  private static final int OPS_PER_EXPERT = 7;
  /**
   * An op's fixed cost (dispatch, JNI, allocation) in FLOPs the device could do in that time:
   * measured ~20 us at ~50 GFLOP/s on one CPU core; a GPU kernel launch (~10 us) at TFLOP/s rates.
   */
  private static final double CPU_OP_COST_FLOPS = 1e6;
  private static final double GPU_OP_COST_FLOPS = 1e8;

  /** How the mixture of experts runs; AUTO except in tests that pin one path. */
  enum MoeStrategy {
    AUTO,
    BATCHED,
    PER_EXPERT
  }

  private final TimerS1Config config;
  private final TimerS1Weights w;
  private final int d;
  private final int heads;
  private final int headDim;
  private final int intermediate;
  private final int expertWidth;
  private final int topK;
  private final MoeStrategy moeStrategy;
  private final double opCostFlops;
  /** Non-null under bfloat16 compute: each decoder layer and TimeSTP input is one kernel call. */
  private final TorchKernels kernels;

  TimerS1Network(TimerS1Config config, TimerS1Weights weights, MoeStrategy moeStrategy, boolean gpu) {
    this.moeStrategy = moeStrategy;
    this.opCostFlops = gpu ? GPU_OP_COST_FLOPS : CPU_OP_COST_FLOPS;
    this.config = config;
    this.w = weights;
    this.d = config.hiddenSize();
    this.heads = config.numAttentionHeads();
    this.headDim = config.headDim();
    this.intermediate = config.intermediateSize();
    this.expertWidth = config.expertWidth();
    this.topK = config.numExpertsPerToken();
    this.kernels = weights.kernels();
  }

  /** What one pass needs besides its tokens: RoPE tables and mask for the new tokens, and the caches. */
  static final class Pass {
    final AttentionInputs attention;
    /** One per backbone layer, then one per TimeSTP module. */
    final KvCache[] caches;
    final Tracer tracer;
    /** The call's float32 experts to widen 16-bit ones into; null when the experts are float32-resident. */
    final ExpertScratch expertScratch;

    Pass(AttentionInputs attention, KvCache[] caches, Tracer tracer, ExpertScratch expertScratch) {
      this.attention = attention;
      this.caches = caches;
      this.tracer = tracer;
      this.expertScratch = expertScratch;
    }
  }

  /** Float32 experts for one call to widen 16-bit experts into (null if none are 16-bit); {@link #giveScratch} after the call. */
  ExpertScratch takeScratch() {
    return w.takeScratch();
  }

  void giveScratch(ExpertScratch scratch) {
    w.giveScratch(scratch);
  }

  long residentBytes(long parameterCount, int bytesPerValue) {
    return w.residentBytes(parameterCount, bytesPerValue);
  }

  /**
   * Runs the new tokens [B, Tnew, 2P] (values then mask per token) through the model and returns
   * the head chunks [B, Q, O * (1 + mtpSteps)] in normalised units.
   */
  NDArray forward(NDArray tokens, Pass pass, int mtpSteps) {
    NDArray e = embed(tokens);
    pass.tracer.record("embed", e);
    NDManager passScope = tokens.getManager();
    NDArray h = e;
    int layers = w.backbone.size();
    for (int i = 0; i < layers; i++) {
      h = layerScoped(passScope, w.backbone.get(i), h, pass, pass.caches[i]);
      pass.tracer.record("layer." + i, h);
    }
    h = rmsNorm(h, w.finalNorm);
    pass.tracer.record("backbone", h);
    List<NDArray> chunks = new ArrayList<>();
    chunks.add(head(lastToken(h)));
    NDArray hm = h;
    for (int k = 0; k < mtpSteps; k++) {
      TimerS1Weights.Mtp m = w.mtp.get(k);
      NDArray z = kernels != null ? kernels.s1MtpInput(hm, e, m.normHidden, m.normEmbeds, m.projection)
          : linear(NDArrays.concat(new NDList(rmsNorm(hm, m.normHidden), rmsNorm(e, m.normEmbeds)), -1), m.projection, null);
      hm = rmsNorm(layerScoped(passScope, m.layer, z, pass, pass.caches[layers + k]), m.norm);
      pass.tracer.record("mtp." + k, hm);
      chunks.add(head(lastToken(hm)));
    }
    return chunks.size() == 1 ? chunks.get(0) : NDArrays.concat(new NDList(chunks), 2);
  }

  /** e = output_layer(silu(hidden_layer(z))) + residual_layer(z), hidden and residual in one matmul. */
  private NDArray embed(NDArray z) {
    NDArray both = linear(z, w.embedInWeight, w.embedInBias);
    NDArray hidden = both.get(new NDIndex("..., :{}", intermediate));
    NDArray residual = both.get(new NDIndex("..., {}:", intermediate));
    return linear(silu(hidden), w.embedOutWeight, w.embedOutBias).addi(residual);
  }

  /** head(h) for h [B, D] -> [B, Q, O]. */
  private NDArray head(NDArray h) {
    NDArray both = linear(h, w.headInWeight, w.headInBias);
    NDArray hidden = both.get(new NDIndex(":, :{}", d));
    NDArray residual = both.get(new NDIndex(":, {}:", d));
    NDArray out = linear(silu(hidden), w.headOutWeight, w.headOutBias).addi(residual);
    return out.reshape(h.getShape().get(0), config.numQuantiles(), config.outputTokenLength());
  }

  /**
   * One decoder layer in its own scope, so that a pass holds one layer's temporaries at a time:
   * only the layer's output and its cache move out to the pass's scope.
   */
  private NDArray layerScoped(NDManager passScope, TimerS1Weights.Decoder layer, NDArray x, Pass pass, KvCache cache) {
    try (NDManager layerScope = passScope.newSubManager()) {
      x.tempAttach(layerScope); // ops attach their results to their first operand's manager
      NDArray out = kernels != null ? decoderBfloat16(layer, x, pass.attention, cache) : decoder(layer, x, pass, cache);
      out.attach(passScope);
      cache.attach(passScope);
      return out;
    }
  }

  private NDArray decoder(TimerS1Weights.Decoder layer, NDArray x, Pass pass, KvCache cache) {
    // In place on each block's fresh output: a residual add then allocates nothing.
    NDArray h = attention(layer, rmsNorm(x, layer.norm1), pass, cache).addi(x);
    return moe(layer, rmsNorm(h, layer.norm2), pass.expertScratch).addi(h);
  }

  /** The same layer in one TorchScript call, in bfloat16 autocast's precision; the cache holds bfloat16 keys and values. */
  private NDArray decoderBfloat16(TimerS1Weights.Decoder layer, NDArray x, AttentionInputs attention, KvCache cache) {
    NDArray[] past = cache.pastOrEmpty(attention, x.getManager(), x.getShape().get(0), heads, headDim);
    NDArray[] experts = layer.experts.bfloat16Stacks();
    NDArray[] out = kernels.s1Decoder(x, past[0], past[1], attention.cos(), attention.sin(), attention.mask(), layer.norm1,
        layer.norm2, layer.qkvgWeight, layer.qkvgBias, layer.oProj, layer.qScale, layer.kScale, layer.router, experts[0],
        experts[1], heads, topK);
    cache.replace(out[1], out[2]);
    return out[0];
  }

  private NDArray attention(TimerS1Weights.Decoder layer, NDArray x, Pass pass, KvCache cache) {
    NDList qkvg = linear(x, layer.qkvgWeight, layer.qkvgBias).split(4, 2);
    NDArray q = qkNorm(pass.attention.rope(NnOps.toHeads(qkvg.get(0), heads, headDim)), layer.qScale);
    NDArray k = qkNorm(pass.attention.rope(NnOps.toHeads(qkvg.get(1), heads, headDim)), layer.kScale);
    NDArray context = pass.attention.attend(q, k, NnOps.toHeads(qkvg.get(2), heads, headDim), cache)
        .muli(NnOps.toHeads(qkvg.get(3), heads, headDim).getNDArrayInternal().sigmoid());
    return linear(NnOps.fromHeads(context), layer.oProj, null);
  }

  /** x * rsqrt(mean(x^2 over hd) + eps) * scale. */
  private static NDArray qkNorm(NDArray x, NDArray scale) {
    return x.mul(meanSquare(x).add(NORM_EPS).pow(-0.5f)).muli(scale);
  }

  /** mean(x^2) over the last axis, kept: from the 2-norm, one read of x and no squared copy. */
  private static NDArray meanSquare(NDArray x) {
    return x.norm(2, new int[] {-1}, true).square().div(x.getShape().tail());
  }

  /**
   * Top-k mixture of experts without renormalising the chosen probabilities. Each (row, choice)
   * slot is routed to its expert; the experts' outputs are gathered back into slot order, weighted
   * by the chosen probabilities and summed per row.
   */
  private NDArray moe(TimerS1Weights.Decoder layer, NDArray x, ExpertScratch scratch) {
    Shape s = x.getShape();
    long n = s.get(0) * s.get(1);
    NDArray flat = x.reshape(n, d);
    NDArray probs = linear(flat, layer.router, null).toType(DataType.FLOAT32, false).softmax(-1);
    NDList top = probs.topK(topK, -1, true, true);
    long[] experts = top.get(1).toLongArray();
    int numExperts = config.numExperts();
    int[] counts = new int[numExperts];
    int maxCount = 0;
    for (long e : experts) {
      maxCount = Math.max(maxCount, ++counts[(int) e]);
    }
    NDArray bySlot = useBatchedExperts(counts, maxCount, layer.experts.isHalf())
        ? batchedExperts(layer.experts.all(scratch), flat, experts, numExperts, maxCount)
        : expertByExpert(layer.experts, scratch, flat, experts, counts);
    NDArray weights = top.get(0).toType(x.getDataType(), false).expandDims(-1);
    return bySlot.reshape(n, topK, d).muli(weights).sum(new int[] {1}).reshape(s);
  }

  /**
   * Batched matmuls over all experts cost a handful of ops but compute every expert on as many
   * rows as the busiest one gets; one matmul pair per expert computes no padding but costs about
   * {@link #OPS_PER_EXPERT} ops per expert. Whichever wastes less wins, an op's fixed cost counted
   * in FLOPs it could have done instead.
   */
  private boolean useBatchedExperts(int[] counts, int maxCount, boolean halfExperts) {
    switch (moeStrategy) {
      case BATCHED:
        return true;
      case PER_EXPERT:
        return false;
      default:
        if (halfExperts) {
          return false; // batching would widen every expert, routed or not, into a call-sized scratch
        }
        int slots = 0;
        int active = 0;
        for (int c : counts) {
          slots += c;
          active += c > 0 ? 1 : 0;
        }
        double paddingFlops = ((double) counts.length * maxCount - slots) * 6.0 * d * expertWidth;
        return paddingFlops < (double) active * OPS_PER_EXPERT * opCostFlops;
    }
  }

  /** All experts in two batched matmuls over [E, maxCount, D] (unused places read row 0 and are dropped). */
  private NDArray batchedExperts(ExpertMatrices layer, NDArray flat, long[] experts, int numExperts, int maxCount) {
    long[] paddedRows = new long[numExperts * maxCount];
    long[] slotPlace = new long[experts.length];
    int[] filled = new int[numExperts];
    for (int slot = 0; slot < experts.length; slot++) {
      int e = (int) experts[slot];
      int place = e * maxCount + filled[e]++;
      paddedRows[place] = slot / topK;
      slotPlace[slot] = place;
    }
    NDManager m = flat.getManager();
    NDArray rows = flat.get(new NDIndex("{}", m.create(paddedRows))).reshape(numExperts, maxCount, d);
    NDArray gateUp = rows.matMul(layer.gateUpT);
    NDArray hidden = silu(gateUp.get(new NDIndex("..., :{}", expertWidth))).muli(gateUp.get(new NDIndex("..., {}:", expertWidth)));
    NDArray out = hidden.matMul(layer.downT).reshape((long) numExperts * maxCount, d);
    return out.get(new NDIndex("{}", m.create(slotPlace)));
  }

  /** One matmul pair per expert on exactly the rows routed to it. */
  private NDArray expertByExpert(ExpertWeights layer, ExpertScratch scratch, NDArray flat, long[] experts, int[] counts) {
    int numExperts = counts.length;
    int[] start = new int[numExperts];
    for (int e = 1; e < numExperts; e++) {
      start[e] = start[e - 1] + counts[e - 1];
    }
    // sortedRows: the token row of each slot, grouped by expert; slotPlace: where each slot landed.
    long[] sortedRows = new long[experts.length];
    long[] slotPlace = new long[experts.length];
    int[] fill = start.clone();
    for (int slot = 0; slot < experts.length; slot++) {
      int e = (int) experts[slot];
      slotPlace[slot] = fill[e];
      sortedRows[fill[e]++] = slot / topK;
    }
    NDManager m = flat.getManager();
    NDArray routedRows = flat.get(new NDIndex("{}", m.create(sortedRows)));
    NDList outputs = new NDList();
    for (int e = 0; e < numExperts; e++) {
      if (counts[e] == 0) {
        continue;
      }
      NDArray rows = routedRows.get(new NDIndex("{}:{}", start[e], start[e] + counts[e]));
      NDArray[] weights = layer.expert(e, scratch);
      NDArray gateUp = rows.matMul(weights[0]);
      NDArray hidden = silu(gateUp.get(new NDIndex(":, :{}", expertWidth))).muli(gateUp.get(new NDIndex(":, {}:", expertWidth)));
      outputs.add(hidden.matMul(weights[1]));
    }
    return NDArrays.concat(outputs, 0).get(new NDIndex("{}", m.create(slotPlace)));
  }

  /** x / (sqrt(mean(x^2)) + eps) * weight: eps added to the RMS, not under the root. */
  private static NDArray rmsNorm(NDArray x, NDArray weight) {
    return x.div(x.norm(2, new int[] {-1}, true).divi(Math.sqrt(x.getShape().tail())).addi(NORM_EPS)).muli(weight); // the RMS is |x| / sqrt(D)
  }
}
