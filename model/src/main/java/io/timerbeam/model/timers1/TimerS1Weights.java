package io.timerbeam.model.timers1;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.timerbeam.model.InvalidModelException;
import io.timerbeam.model.checkpoint.Checkpoint;
import io.timerbeam.model.checkpoint.ExpectedTensors;
import io.timerbeam.model.checkpoint.StorageType;
import io.timerbeam.model.checkpoint.TensorInfo;
import io.timerbeam.model.checkpoint.TensorLoader;
import io.timerbeam.model.checkpoint.TensorReader;
import io.timerbeam.model.kernels.TorchKernels;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Every weight of a Timer-S1 checkpoint, loaded once and never mutated. Projections that read the
 * same input are fused row-wise (q|k|v|gate; an expert's gate|up; the embedding's and head's
 * hidden|residual) so that each costs one matmul instead of several.
 */
final class TimerS1Weights {
  /** One decoder layer (backbone or TimeSTP). */
  static final class Decoder {
    NDArray norm1;
    NDArray norm2;
    NDArray qkvgWeight;
    NDArray qkvgBias;
    NDArray oProj;
    NDArray qScale;
    NDArray kScale;
    NDArray router;
    ExpertWeights experts;
  }

  /** One TimeSTP module. */
  static final class Mtp {
    NDArray normHidden;
    NDArray normEmbeds;
    NDArray projection;
    NDArray norm;
    Decoder layer;
  }

  /** [I + D, 2P]: embed hidden_layer rows, then residual_layer rows. */
  NDArray embedInWeight;
  NDArray embedInBias;
  NDArray embedOutWeight;
  NDArray embedOutBias;
  final List<Decoder> backbone = new ArrayList<>();
  NDArray finalNorm;
  /** [D + Q*O, D]: head hidden_layer rows, then residual_layer rows. */
  NDArray headInWeight;
  NDArray headInBias;
  NDArray headOutWeight;
  NDArray headOutBias;
  final List<Mtp> mtp = new ArrayList<>();

  private final Map<String, TensorInfo> tensors;
  private final TensorReader reader;
  private final boolean halfExperts;
  private final TensorLoader loader;
  /** Elements converted to resident bfloat16 (bfloat16 compute only). */
  private long bfloat16Elements;
  /** The first decoder whose experts stay 16-bit (all share one shape), or null: what a call's scratch is made for. */
  private ExpertWeights halfExample;
  /** Float32 scratch experts for calls while the experts stay 16-bit: one per concurrent call, kept for the next. */
  private final Deque<ExpertScratch> freeScratch = new ConcurrentLinkedDeque<>();

  private TimerS1Weights(Map<String, TensorInfo> tensors, TensorLoader loader, boolean halfExperts) {
    this.tensors = tensors;
    this.reader = new TensorReader(tensors, loader);
    this.halfExperts = halfExperts;
    this.loader = loader;
  }

  /**
   * @param halfExperts keep 16-bit experts as their stored bits (float32 checkpoints stay float32)
   */
  static TimerS1Weights load(Checkpoint checkpoint, TensorLoader loader, boolean halfExperts) {
    TimerS1Config c = TimerS1Config.of(checkpoint.config());
    ExpectedTensors.check(TimerS1Tensors.of(c, checkpoint.tensors()), checkpoint.tensors(), "checkpoint " + checkpoint.dir());
    TimerS1Weights w = new TimerS1Weights(checkpoint.tensors(), loader, halfExperts);
    w.embedInWeight = w.fused("model.embed_layer.hidden_layer.weight", "model.embed_layer.residual_layer.weight");
    w.embedInBias = w.fused("model.embed_layer.hidden_layer.bias", "model.embed_layer.residual_layer.bias");
    w.embedOutWeight = w.one("model.embed_layer.output_layer.weight");
    w.embedOutBias = w.one("model.embed_layer.output_layer.bias");
    for (int i = 0; i < c.numHiddenLayers(); i++) {
      w.backbone.add(w.decoder("model.layers." + i + ".", c.numExperts()));
    }
    w.finalNorm = w.one("model.norm.weight");
    w.headInWeight = w.fused("output_patch_embedding.hidden_layer.weight", "output_patch_embedding.residual_layer.weight");
    w.headInBias = w.fused("output_patch_embedding.hidden_layer.bias", "output_patch_embedding.residual_layer.bias");
    w.headOutWeight = w.one("output_patch_embedding.output_layer.weight");
    w.headOutBias = w.one("output_patch_embedding.output_layer.bias");
    for (int k = 0; k < c.numMtpTokens(); k++) {
      String p = "mtp_modules." + k + ".";
      Mtp m = new Mtp();
      m.normHidden = w.one(p + "norm_hidden.weight");
      m.normEmbeds = w.one(p + "norm_embeds.weight");
      m.projection = w.matmulOperand(w.one(p + "projection_matrix.weight"));
      m.norm = w.one(p + "norm.weight");
      m.layer = w.decoder(p + "layer.", c.numExperts());
      w.mtp.add(m);
    }
    w.halfExample = w.decoders().stream().map(x -> x.experts).filter(ExpertWeights::isHalf).findFirst().orElse(null);
    return w;
  }

  private Decoder decoder(String p, int experts) {
    Decoder d = new Decoder();
    d.norm1 = one(p + "norm1.weight");
    d.norm2 = one(p + "norm2.weight");
    String a = p + "self_attn.";
    d.qkvgWeight = matmulOperand(fused(a + "q_proj.weight", a + "k_proj.weight", a + "v_proj.weight", a + "gate_proj.weight"));
    d.qkvgBias = matmulOperand(fused(a + "q_proj.bias", a + "k_proj.bias", a + "v_proj.bias", a + "gate_proj.bias"));
    d.oProj = matmulOperand(one(a + "o_proj.weight"));
    d.qScale = one(a + "q_scale");
    d.kScale = one(a + "k_scale");
    d.router = one(p + "ffn_layer.gate.weight");
    d.experts = experts(p, experts);
    return d;
  }

  /**
   * The experts' stacks [E, 2w, D] (gate rows, then up rows) and [E, D, w], each expert's tensors
   * read straight into its place: float32, or their stored 16-bit patterns when kept half.
   */
  private ExpertWeights experts(String p, int experts) {
    boolean stacked = TimerS1Tensors.hasStackedExperts(tensors, p);
    List<TensorInfo> gates = new ArrayList<>();
    List<TensorInfo> ups = new ArrayList<>();
    List<TensorInfo> downs = new ArrayList<>();
    for (int e = 0; e < (stacked ? 1 : experts); e++) {
      String ep = stacked ? p + "ffn_layer." : p + "ffn_layer.experts." + e + ".";
      gates.add(reader.info(ep + (stacked ? "gate_proj_weight" : "gate_proj.weight")));
      ups.add(reader.info(ep + (stacked ? "up_proj_weight" : "up_proj.weight")));
      downs.add(reader.info(ep + (stacked ? "down_proj_weight" : "down_proj.weight")));
    }
    TensorInfo first = gates.get(0);
    StorageType storage = first.type();
    boolean half = halfExperts && loader.kernels() == null && storage.bytes() == 2
        && java.util.stream.Stream.of(gates, ups, downs).flatMap(List::stream).allMatch(t -> t.type() == storage);
    long[] gateShape = first.shape();
    long width = gateShape[gateShape.length - 2];
    long hidden = gateShape[gateShape.length - 1];
    DataType type = half ? DataType.FLOAT16 : DataType.FLOAT32;
    if ((long) experts * 2 * width * hidden * type.getNumOfBytes() > Integer.MAX_VALUE) {
      throw new InvalidModelException(p + "ffn_layer: " + experts + " experts of " + width + " x " + hidden
          + " exceed the 2 GB one stack may hold");
    }
    NDArray gateUp = loader.allocate(new Shape(experts, 2 * width, hidden), type);
    NDArray down = loader.allocate(new Shape(experts, hidden, width), type);
    ByteBuffer gateUpMemory = gateUp.toByteBuffer(true);
    ByteBuffer downMemory = down.toByteBuffer(true);
    int block = Math.toIntExact(width * hidden);
    for (int e = 0; e < experts; e++) {
      int tensor = stacked ? 0 : e;
      long from = stacked ? (long) e * block : 0;
      loader.readInto(gates.get(tensor), from, block, gateUpMemory, 2 * e * block, type);
      loader.readInto(ups.get(tensor), from, block, gateUpMemory, (2 * e + 1) * block, type);
      loader.readInto(downs.get(tensor), from, block, downMemory, e * block, type);
    }
    if (loader.kernels() != null) {
      return ExpertWeights.bfloat16(matmulOperand(loader.place(gateUp)), matmulOperand(loader.place(down)));
    }
    return half ? ExpertWeights.storedHalf(gateUp, down, storage)
        : ExpertWeights.float32(loader.place(gateUp), loader.place(down));
  }

  private List<Decoder> decoders() {
    List<Decoder> all = new ArrayList<>(backbone);
    mtp.forEach(m -> all.add(m.layer));
    return all;
  }

  /** Bytes the weights hold: 16-bit experts and bfloat16 matmul weights at 2 bytes, everything else at {@code bytesPerValue}. */
  long residentBytes(long parameterCount, int bytesPerValue) {
    long sixteenBit = bfloat16Elements;
    for (Decoder x : decoders()) {
      sixteenBit += x.experts.isHalf() ? x.experts.elementCount() : 0;
    }
    return sixteenBit * 2 + (parameterCount - sixteenBit) * bytesPerValue;
  }

  /** The kernels a bfloat16 model computes with, or null. */
  TorchKernels kernels() {
    return loader.kernels();
  }

  /** A matmul weight or bias as the compute reads it: resident bfloat16 under bfloat16 compute, else as loaded. */
  private NDArray matmulOperand(NDArray loaded) {
    if (loader.kernels() == null) {
      return loaded;
    }
    bfloat16Elements += loaded.size();
    return loader.toBfloat16(loaded);
  }

  /** Float32 experts for one call to widen into (null when every decoder's experts are float32); give it back after. */
  ExpertScratch takeScratch() {
    if (halfExample == null) {
      return null;
    }
    ExpertScratch free = freeScratch.poll();
    return free != null ? free : halfExample.newScratch(loader.manager());
  }

  void giveScratch(ExpertScratch scratch) {
    if (scratch != null) {
      freeScratch.push(scratch);
    }
  }

  private NDArray one(String name) {
    return reader.one(name);
  }

  private NDArray fused(String... names) {
    return reader.fused(names);
  }
}
