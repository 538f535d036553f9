package io.timerbeam.model.timers1;

import static io.timerbeam.model.checkpoint.TensorNames.bias;
import static io.timerbeam.model.checkpoint.TensorNames.weight;

import io.timerbeam.model.checkpoint.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Timer-S1 tensor table (docs/timer-s1-model.md): each tensor's name, spelled here once, and
 * the shape a config implies. {@link TimerS1Weights} loads by these names; {@link #of} lists them
 * for the check before loading and for random checkpoints.
 */
final class TimerS1Tensors {
  /** The patch embedding and the head: residual blocks of a hidden, an output and a residual layer. */
  static final String EMBED = "model.embed_layer.";
  static final String HEAD = "output_patch_embedding.";
  static final String FINAL_NORM = "model.norm.weight";
  /** The attention projections that read the layer input, in the order they are fused. */
  private static final String[] ATTENTION_INPUTS = {"q_proj", "k_proj", "v_proj", "gate_proj"};
  /** An expert's projections, as named in both expert layouts. */
  static final String GATE = "gate_proj";
  static final String UP = "up_proj";
  static final String DOWN = "down_proj";

  private TimerS1Tensors() {}

  static String hidden(String block) {
    return block + "hidden_layer";
  }

  static String output(String block) {
    return block + "output_layer";
  }

  static String residual(String block) {
    return block + "residual_layer";
  }

  /** One decoder layer's tensor names (a backbone layer or a TimeSTP module's layer). */
  static final class Decoder {
    final String norm1;
    final String norm2;
    /** The attention projections that read the layer input (q, k, v, gate), in the order they are fused. */
    final String[] attentionInputs;
    final String oProj;
    final String qScale;
    final String kScale;
    final String router;
    private final String prefix;

    Decoder(String prefix) {
      this.prefix = prefix;
      norm1 = prefix + "norm1.weight";
      norm2 = prefix + "norm2.weight";
      attentionInputs = Arrays.stream(ATTENTION_INPUTS).map(projection -> prefix + "self_attn." + projection).toArray(String[]::new);
      oProj = prefix + "self_attn.o_proj.weight";
      qScale = prefix + "self_attn.q_scale";
      kScale = prefix + "self_attn.k_scale";
      router = prefix + "ffn_layer.gate.weight";
    }

    /**
     * The weight of an expert projection ({@link #GATE}, {@link #UP} or {@link #DOWN}): expert {@code e}'s own
     * in the release layout, or when {@code stacked} the [E, ...] one of every expert that some exports hold.
     */
    String experts(boolean stacked, int e, String projection) {
      return stacked ? prefix + "ffn_layer." + projection + "_weight" : prefix + "ffn_layer.experts." + e + "." + projection + ".weight";
    }

    /** Whether the checkpoint stores this layer's experts stacked rather than one set per expert. */
    boolean hasStackedExperts(Map<String, TensorInfo> present) {
      return present.containsKey(experts(true, 0, GATE));
    }

    /** The prefix of the layer's mixture of experts, for messages. */
    String ffn() {
      return prefix + "ffn_layer";
    }
  }

  /** TimeSTP module {@code k}'s tensor names. */
  static final class Mtp {
    final String normHidden;
    final String normEmbeds;
    final String projection;
    final String norm;
    final Decoder layer;

    Mtp(String prefix) {
      normHidden = prefix + "norm_hidden.weight";
      normEmbeds = prefix + "norm_embeds.weight";
      projection = prefix + "projection_matrix.weight";
      norm = prefix + "norm.weight";
      layer = new Decoder(prefix + "layer.");
    }
  }

  static Decoder backboneLayer(int i) {
    return new Decoder("model.layers." + i + ".");
  }

  static Mtp mtpModule(int k) {
    return new Mtp("mtp_modules." + k + ".");
  }

  /** Every decoder layer: the backbone's, then each TimeSTP module's. */
  static List<Decoder> decoders(TimerS1Config c) {
    List<Decoder> decoders = new ArrayList<>();
    for (int i = 0; i < c.numHiddenLayers(); i++) {
      decoders.add(backboneLayer(i));
    }
    for (int k = 0; k < c.numMtpTokens(); k++) {
      decoders.add(mtpModule(k).layer);
    }
    return decoders;
  }

  /** Name to shape, in file order; each layer's experts in the layout {@code present} stores them (per expert if absent). */
  static Map<String, long[]> of(TimerS1Config c, Map<String, TensorInfo> present) {
    long p2 = 2L * c.patchLength();
    long d = c.hiddenSize();
    long i = c.intermediateSize();
    long hd = c.headDim();
    long qo = (long) c.numQuantiles() * c.outputTokenLength();
    long e = c.numExperts();
    long w = c.expertWidth();
    Map<String, long[]> m = new LinkedHashMap<>();
    linear(m, hidden(EMBED), i, p2);
    linear(m, output(EMBED), d, i);
    linear(m, residual(EMBED), d, p2);
    for (Decoder layer : decoders(c)) {
      m.put(layer.norm1, new long[] {d});
      m.put(layer.norm2, new long[] {d});
      for (String projection : layer.attentionInputs) {
        linear(m, projection, d, d);
      }
      m.put(layer.oProj, new long[] {d, d});
      m.put(layer.qScale, new long[] {hd});
      m.put(layer.kScale, new long[] {hd});
      m.put(layer.router, new long[] {e, d});
      boolean stacked = layer.hasStackedExperts(present);
      for (int x = 0; x < (stacked ? 1 : e); x++) {
        for (String projection : new String[] {GATE, UP, DOWN}) {
          long[] shape = projection.equals(DOWN) ? new long[] {d, w} : new long[] {w, d};
          m.put(layer.experts(stacked, x, projection), stacked ? new long[] {e, shape[0], shape[1]} : shape);
        }
      }
    }
    m.put(FINAL_NORM, new long[] {d});
    linear(m, hidden(HEAD), d, d);
    linear(m, output(HEAD), qo, d);
    linear(m, residual(HEAD), qo, d);
    for (int k = 0; k < c.numMtpTokens(); k++) {
      Mtp mtp = mtpModule(k);
      m.put(mtp.normHidden, new long[] {d});
      m.put(mtp.normEmbeds, new long[] {d});
      m.put(mtp.projection, new long[] {d, 2 * d});
      m.put(mtp.norm, new long[] {d});
    }
    return m;
  }

  private static void linear(Map<String, long[]> m, String layer, long out, long in) {
    m.put(weight(layer), new long[] {out, in});
    m.put(bias(layer), new long[] {out});
  }
}
