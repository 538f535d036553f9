package io.timerbeam.model.timerxl;

import static io.timerbeam.model.checkpoint.TensorNames.bias;
import static io.timerbeam.model.checkpoint.TensorNames.biases;
import static io.timerbeam.model.checkpoint.TensorNames.weight;
import static io.timerbeam.model.checkpoint.TensorNames.weights;
import static io.timerbeam.model.timerxl.TimerXlTensors.EMBED;
import static io.timerbeam.model.timerxl.TimerXlTensors.FINAL_NORM;
import static io.timerbeam.model.timerxl.TimerXlTensors.head;

import ai.djl.ndarray.NDArray;
import io.timerbeam.model.checkpoint.Checkpoint;
import io.timerbeam.model.checkpoint.ExpectedTensors;
import io.timerbeam.model.checkpoint.TensorLoader;
import io.timerbeam.model.checkpoint.TensorReader;
import io.timerbeam.model.kernels.TorchKernels;
import java.util.ArrayList;
import java.util.List;

/**
 * Every weight of a Timer-XL checkpoint, checked against its config, loaded once and never
 * mutated. q|k|v and gate|up read the same input, so each pair is fused row-wise into one matmul.
 */
final class TimerXlWeights {
  /** One post-LN decoder layer. */
  static final class Layer {
    /** [3D, D] and [3D]: q rows, k rows, v rows. */
    NDArray qkvWeight;
    NDArray qkvBias;
    NDArray oProj;
    /** [2I, D]: gate rows, then up rows. */
    NDArray gateUp;
    NDArray down;
    NDArray norm1Weight;
    NDArray norm1Bias;
    NDArray norm2Weight;
    NDArray norm2Bias;
  }

  NDArray embed;
  final List<Layer> layers = new ArrayList<>();
  NDArray normWeight;
  NDArray normBias;
  /** One per entry of output_token_lens: [O_j, D]. */
  final List<NDArray> heads = new ArrayList<>();
  /** The kernels of bfloat16 compute, which then hold the layers' matmul weights in bfloat16; else null. */
  final TorchKernels kernels;
  private final TensorLoader loader;

  private TimerXlWeights(TensorLoader loader) {
    this.loader = loader;
    this.kernels = loader.kernels();
  }

  /** Bytes the weights hold: bfloat16 matmul weights at 2 bytes, the rest at {@code bytesPerValue}. */
  long residentBytes(long parameterCount, int bytesPerValue) {
    long sixteenBit = loader.bfloat16Elements();
    return sixteenBit * 2 + (parameterCount - sixteenBit) * bytesPerValue;
  }

  static TimerXlWeights load(Checkpoint checkpoint, TimerXlConfig c, TensorLoader loader) {
    ExpectedTensors.check(TimerXlTensors.of(c), checkpoint.tensors(), "checkpoint " + checkpoint.dir());
    TensorReader r = new TensorReader(checkpoint.tensors(), loader);
    TimerXlWeights w = new TimerXlWeights(loader);
    w.embed = r.one(EMBED);
    for (int i = 0; i < c.numHiddenLayers(); i++) {
      TimerXlTensors.Layer names = TimerXlTensors.layer(i);
      Layer l = new Layer();
      l.qkvWeight = loader.matmulOperand(r.fused(weights(names.qkv)));
      l.qkvBias = loader.matmulOperand(r.fused(biases(names.qkv)));
      l.oProj = loader.matmulOperand(r.one(names.oProj));
      l.gateUp = loader.matmulOperand(r.fused(names.gate, names.up));
      l.down = loader.matmulOperand(r.one(names.down));
      l.norm1Weight = r.one(weight(names.norm1));
      l.norm1Bias = r.one(bias(names.norm1));
      l.norm2Weight = r.one(weight(names.norm2));
      l.norm2Bias = r.one(bias(names.norm2));
      w.layers.add(l);
    }
    w.normWeight = r.one(weight(FINAL_NORM));
    w.normBias = r.one(bias(FINAL_NORM));
    for (int j = 0; j < c.outputTokenLens().length; j++) {
      w.heads.add(r.one(head(j)));
    }
    return w;
  }
}
