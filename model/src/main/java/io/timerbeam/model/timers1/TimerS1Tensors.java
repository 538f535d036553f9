package io.timerbeam.model.timers1;

import io.timerbeam.model.checkpoint.TensorInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tensor names and shapes a Timer-S1 config implies (docs/timer-s1-model.md). */
final class TimerS1Tensors {
  private TimerS1Tensors() {}

  /** Decoder layer prefixes: the backbone's, then each TimeSTP module's. */
  static List<String> decoderPrefixes(TimerS1Config c) {
    List<String> prefixes = new ArrayList<>();
    for (int i = 0; i < c.numHiddenLayers(); i++) {
      prefixes.add("model.layers." + i + ".");
    }
    for (int k = 0; k < c.numMtpTokens(); k++) {
      prefixes.add("mtp_modules." + k + ".layer.");
    }
    return prefixes;
  }

  /** Whether a layer stores its experts fused as [E, ...] tensors rather than one set per expert. */
  static boolean hasStackedExperts(Map<String, TensorInfo> present, String layerPrefix) {
    return present.containsKey(layerPrefix + "ffn_layer.gate_proj_weight");
  }

  static Map<String, long[]> of(TimerS1Config c, Map<String, TensorInfo> present) {
    long p2 = 2L * c.patchLength();
    long d = c.hiddenSize();
    long i = c.intermediateSize();
    long hd = c.headDim();
    long qo = (long) c.numQuantiles() * c.outputTokenLength();
    Map<String, long[]> m = new LinkedHashMap<>();
    linear(m, "model.embed_layer.hidden_layer", i, p2);
    linear(m, "model.embed_layer.output_layer", d, i);
    linear(m, "model.embed_layer.residual_layer", d, p2);
    for (String prefix : decoderPrefixes(c)) {
      m.put(prefix + "norm1.weight", new long[] {d});
      m.put(prefix + "norm2.weight", new long[] {d});
      for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "gate_proj"}) {
        linear(m, prefix + "self_attn." + proj, d, d);
      }
      m.put(prefix + "self_attn.o_proj.weight", new long[] {d, d});
      m.put(prefix + "self_attn.q_scale", new long[] {hd});
      m.put(prefix + "self_attn.k_scale", new long[] {hd});
      m.put(prefix + "ffn_layer.gate.weight", new long[] {c.numExperts(), d});
      long w = c.expertWidth();
      if (hasStackedExperts(present, prefix)) {
        m.put(prefix + "ffn_layer.gate_proj_weight", new long[] {c.numExperts(), w, d});
        m.put(prefix + "ffn_layer.up_proj_weight", new long[] {c.numExperts(), w, d});
        m.put(prefix + "ffn_layer.down_proj_weight", new long[] {c.numExperts(), d, w});
      } else {
        for (int e = 0; e < c.numExperts(); e++) {
          String ep = prefix + "ffn_layer.experts." + e + ".";
          m.put(ep + "gate_proj.weight", new long[] {w, d});
          m.put(ep + "up_proj.weight", new long[] {w, d});
          m.put(ep + "down_proj.weight", new long[] {d, w});
        }
      }
    }
    m.put("model.norm.weight", new long[] {d});
    linear(m, "output_patch_embedding.hidden_layer", d, d);
    linear(m, "output_patch_embedding.output_layer", qo, d);
    linear(m, "output_patch_embedding.residual_layer", qo, d);
    for (int k = 0; k < c.numMtpTokens(); k++) {
      String mp = "mtp_modules." + k + ".";
      m.put(mp + "norm_hidden.weight", new long[] {d});
      m.put(mp + "norm_embeds.weight", new long[] {d});
      m.put(mp + "projection_matrix.weight", new long[] {d, 2 * d});
      m.put(mp + "norm.weight", new long[] {d});
    }
    return m;
  }

  private static void linear(Map<String, long[]> m, String name, long out, long in) {
    m.put(name + ".weight", new long[] {out, in});
    m.put(name + ".bias", new long[] {out});
  }
}
