package io.timerbeam.model.timers1;

import static io.timerbeam.model.checkpoint.TensorNames.bias;
import static io.timerbeam.model.checkpoint.TensorNames.biases;
import static io.timerbeam.model.checkpoint.TensorNames.weight;
import static io.timerbeam.model.checkpoint.TensorNames.weights;
import static io.timerbeam.model.timers1.TimerS1Tensors.DOWN;
import static io.timerbeam.model.timers1.TimerS1Tensors.EMBED;
import static io.timerbeam.model.timers1.TimerS1Tensors.FINAL_NORM;
import static io.timerbeam.model.timers1.TimerS1Tensors.GATE;
import static io.timerbeam.model.timers1.TimerS1Tensors.HEAD;
import static io.timerbeam.model.timers1.TimerS1Tensors.UP;
import static io.timerbeam.model.timers1.TimerS1Tensors.hidden;
import static io.timerbeam.model.timers1.TimerS1Tensors.output;
import static io.timerbeam.model.timers1.TimerS1Tensors.residual;

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
  static TimerS1Weights load(Checkpoint checkpoint, TimerS1Config c, TensorLoader loader, boolean halfExperts) {
    ExpectedTensors.check(TimerS1Tensors.of(c, checkpoint.tensors()), checkpoint.tensors(), "checkpoint " + checkpoint.dir());
    TimerS1Weights w = new TimerS1Weights(checkpoint.tensors(), loader, halfExperts);
    w.embedInWeight = w.fused(weights(hidden(EMBED), residual(EMBED)));
    w.embedInBias = w.fused(biases(hidden(EMBED), residual(EMBED)));
    w.embedOutWeight = w.one(weight(output(EMBED)));
    w.embedOutBias = w.one(bias(output(EMBED)));
    for (int i = 0; i < c.numHiddenLayers(); i++) {
      w.backbone.add(w.decoder(TimerS1Tensors.backboneLayer(i), c.numExperts()));
    }
    w.finalNorm = w.one(FINAL_NORM);
    w.headInWeight = w.fused(weights(hidden(HEAD), residual(HEAD)));
    w.headInBias = w.fused(biases(hidden(HEAD), residual(HEAD)));
    w.headOutWeight = w.one(weight(output(HEAD)));
    w.headOutBias = w.one(bias(output(HEAD)));
    for (int k = 0; k < c.numMtpTokens(); k++) {
      TimerS1Tensors.Mtp names = TimerS1Tensors.mtpModule(k);
      Mtp m = new Mtp();
      m.normHidden = w.one(names.normHidden);
      m.normEmbeds = w.one(names.normEmbeds);
      m.projection = w.loader.matmulOperand(w.one(names.projection));
      m.norm = w.one(names.norm);
      m.layer = w.decoder(names.layer, c.numExperts());
      w.mtp.add(m);
    }
    w.halfExample = w.decoders().stream().map(x -> x.experts).filter(ExpertWeights::isHalf).findFirst().orElse(null);
    return w;
  }

  private Decoder decoder(TimerS1Tensors.Decoder names, int experts) {
    Decoder d = new Decoder();
    d.norm1 = one(names.norm1);
    d.norm2 = one(names.norm2);
    d.qkvgWeight = loader.matmulOperand(fused(weights(names.attentionInputs)));
    d.qkvgBias = loader.matmulOperand(fused(biases(names.attentionInputs)));
    d.oProj = loader.matmulOperand(one(names.oProj));
    d.qScale = one(names.qScale);
    d.kScale = one(names.kScale);
    d.router = one(names.router);
    d.experts = experts(names, experts, d.router);
    return d;
  }

  /**
   * The experts' stacks [E, 2w, D] (gate rows, then up rows) and [E, D, w], each expert's tensors
   * read straight into its place: float32, or their stored 16-bit patterns when kept half; under
   * bfloat16 compute, bfloat16 stacks on {@code onDevice}'s device.
   */
  private ExpertWeights experts(TimerS1Tensors.Decoder names, int experts, NDArray onDevice) {
    boolean stacked = names.hasStackedExperts(tensors);
    List<TensorInfo> gates = new ArrayList<>();
    List<TensorInfo> ups = new ArrayList<>();
    List<TensorInfo> downs = new ArrayList<>();
    for (int e = 0; e < (stacked ? 1 : experts); e++) {
      gates.add(reader.info(names.experts(stacked, e, GATE)));
      ups.add(reader.info(names.experts(stacked, e, UP)));
      downs.add(reader.info(names.experts(stacked, e, DOWN)));
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
      throw new InvalidModelException(names.ffn() + ": " + experts + " experts of " + width + " x " + hidden
          + " exceed the 2 GB one stack may hold");
    }
    ExpertReader read = new ExpertReader(stacked, Math.toIntExact(width * hidden), gates, ups, downs, type);
    if (loader.kernels() != null) {
      return bfloat16Experts(read, experts, width, hidden, onDevice);
    }
    NDArray gateUp = loader.allocate(new Shape(experts, 2 * width, hidden), type);
    NDArray down = loader.allocate(new Shape(experts, hidden, width), type);
    ByteBuffer gateUpMemory = gateUp.toByteBuffer(true);
    ByteBuffer downMemory = down.toByteBuffer(true);
    for (int e = 0; e < experts; e++) {
      read.expert(e, gateUpMemory, 2 * e * read.block, downMemory, e * read.block);
    }
    return half ? ExpertWeights.storedHalf(gateUp, down, storage)
        : ExpertWeights.float32(loader.place(gateUp), loader.place(down));
  }

  /**
   * Bfloat16 stacks filled one expert at a time through one float32 expert-sized buffer: the
   * float32 values of a whole stack never exist, so the process keeps no freed float32 memory
   * (the native heap keeps what it frees for reuse).
   */
  private ExpertWeights bfloat16Experts(ExpertReader read, int experts, long width, long hidden, NDArray onDevice) {
    TorchKernels kernels = loader.kernels();
    NDArray gateUp = loader.emptyBfloat16(onDevice, new long[] {experts, 2 * width, hidden});
    NDArray down = loader.emptyBfloat16(onDevice, new long[] {experts, hidden, width});
    try (NDArray gateUpExpert = loader.allocate(new Shape(2 * width, hidden), DataType.FLOAT32);
        NDArray downExpert = loader.allocate(new Shape(hidden, width), DataType.FLOAT32)) {
      ByteBuffer gateUpMemory = gateUpExpert.toByteBuffer(true);
      ByteBuffer downMemory = downExpert.toByteBuffer(true);
      for (int e = 0; e < experts; e++) {
        read.expert(e, gateUpMemory, 0, downMemory, 0);
        kernels.put(gateUp, e, gateUpExpert);
        kernels.put(down, e, downExpert);
      }
    }
    return ExpertWeights.bfloat16(gateUp, down);
  }

  /** Reads one expert's gate, up and down rows (separate tensors, or slices of stacked ones) into buffers. */
  private final class ExpertReader {
    final boolean stacked;
    final int block;
    final List<TensorInfo> gates;
    final List<TensorInfo> ups;
    final List<TensorInfo> downs;
    final DataType type;

    ExpertReader(boolean stacked, int block, List<TensorInfo> gates, List<TensorInfo> ups, List<TensorInfo> downs, DataType type) {
      this.stacked = stacked;
      this.block = block;
      this.gates = gates;
      this.ups = ups;
      this.downs = downs;
      this.type = type;
    }

    /** Gate then up rows into {@code gateUp} from element {@code gateUpAt}, down rows into {@code down} from {@code downAt}. */
    void expert(int e, ByteBuffer gateUp, int gateUpAt, ByteBuffer down, int downAt) {
      int tensor = stacked ? 0 : e;
      long from = stacked ? (long) e * block : 0;
      loader.readInto(gates.get(tensor), from, block, gateUp, gateUpAt, type);
      loader.readInto(ups.get(tensor), from, block, gateUp, gateUpAt + block, type);
      loader.readInto(downs.get(tensor), from, block, down, downAt, type);
    }
  }

  private List<Decoder> decoders() {
    List<Decoder> all = new ArrayList<>(backbone);
    mtp.forEach(m -> all.add(m.layer));
    return all;
  }

  /** Bytes the weights hold: 16-bit experts and bfloat16 matmul weights at 2 bytes, everything else at {@code bytesPerValue}. */
  long residentBytes(long parameterCount, int bytesPerValue) {
    long sixteenBit = loader.bfloat16Elements();
    for (Decoder x : decoders()) {
      sixteenBit += x.experts.isHalf() ? x.experts.elementCount() : 0;
    }
    return sixteenBit * 2 + (parameterCount - sixteenBit) * bytesPerValue;
  }

  /** The kernels a bfloat16 model computes with, or null. */
  TorchKernels kernels() {
    return loader.kernels();
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
