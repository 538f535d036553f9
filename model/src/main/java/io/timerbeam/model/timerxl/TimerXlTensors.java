package io.timerbeam.model.timerxl;

import static io.timerbeam.model.checkpoint.TensorNames.bias;
import static io.timerbeam.model.checkpoint.TensorNames.weight;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Timer-XL tensor table (docs/timer-xl-model.md, "Tensors"): each tensor's name, spelled here
 * once, and the shape a config implies. {@link TimerXlWeights} loads by these names; {@link #of}
 * lists them for the check before loading and for random checkpoints.
 */
final class TimerXlTensors {
  static final String EMBED = "model.embed_layer.emb.weight";
  static final String FINAL_NORM = "model.norm";

  private TimerXlTensors() {}

  /** Head {@code j}'s [O_j, D] weight. */
  static String head(int j) {
    return "lm_heads." + j + ".weight";
  }

  /** One post-LN decoder layer's tensor names. */
  static final class Layer {
    /** The q, k and v projections (weight and bias each), in the order they are fused. */
    final String[] qkv;
    final String oProj;
    final String gate;
    final String up;
    final String down;
    /** The LayerNorms after attention and after the MLP (weight and bias each). */
    final String norm1;
    final String norm2;

    Layer(String prefix) {
      qkv = new String[] {prefix + "self_attn.q_proj", prefix + "self_attn.k_proj", prefix + "self_attn.v_proj"};
      oProj = prefix + "self_attn.o_proj.weight";
      gate = prefix + "ffn_layer.gate_proj.weight";
      up = prefix + "ffn_layer.up_proj.weight";
      down = prefix + "ffn_layer.down_proj.weight";
      norm1 = prefix + "norm1";
      norm2 = prefix + "norm2";
    }
  }

  static Layer layer(int i) {
    return new Layer("model.layers." + i + ".");
  }

  /** Name to shape, in file order. */
  static Map<String, long[]> of(TimerXlConfig c) {
    long d = c.hiddenSize();
    long i = c.intermediateSize();
    Map<String, long[]> m = new LinkedHashMap<>();
    m.put(EMBED, new long[] {d, c.patchLength()});
    for (int n = 0; n < c.numHiddenLayers(); n++) {
      Layer layer = layer(n);
      for (String projection : layer.qkv) {
        m.put(weight(projection), new long[] {d, d});
        m.put(bias(projection), new long[] {d});
      }
      m.put(layer.oProj, new long[] {d, d});
      m.put(layer.gate, new long[] {i, d});
      m.put(layer.up, new long[] {i, d});
      m.put(layer.down, new long[] {d, i});
      for (String norm : new String[] {layer.norm1, layer.norm2}) {
        m.put(weight(norm), new long[] {d});
        m.put(bias(norm), new long[] {d});
      }
    }
    m.put(weight(FINAL_NORM), new long[] {d});
    m.put(bias(FINAL_NORM), new long[] {d});
    for (int j = 0; j < c.outputTokenLens().length; j++) {
      m.put(head(j), new long[] {c.outputTokenLen(j), d});
    }
    return m;
  }
}
