package io.timerbeam.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tensor names and shapes a config implies, checked against a checkpoint in one pass so that
 * every missing, unexpected or misshapen tensor is reported together.
 */
final class ExpectedTensors {
  /** Buffers some exports carry; recomputed here, so ignored. */
  private static final String ROTARY_BUFFER_SUFFIX = "rotary_emb.inv_freq";

  private ExpectedTensors() {}

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

  /** Throws one {@link InvalidModelException} listing every departure from the expected set. */
  static void check(TimerS1Config c, Map<String, TensorInfo> present, String where) {
    Map<String, long[]> expected = of(c, present);
    List<String> missing = new ArrayList<>();
    List<String> misshapen = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      TensorInfo t = present.get(e.getKey());
      if (t == null) {
        missing.add(e.getKey() + Arrays.toString(e.getValue()));
      } else if (!Arrays.equals(t.shape(), e.getValue())) {
        misshapen.add(e.getKey() + " is " + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(e.getValue()));
      }
    }
    for (String name : present.keySet()) {
      if (!expected.containsKey(name) && !name.endsWith(ROTARY_BUFFER_SUFFIX)) {
        unexpected.add(name);
      }
    }
    if (missing.isEmpty() && misshapen.isEmpty() && unexpected.isEmpty()) {
      return;
    }
    StringBuilder msg = new StringBuilder(where).append(" does not match its config.json:");
    append(msg, "missing tensors", missing);
    append(msg, "wrongly shaped tensors", misshapen);
    append(msg, "unexpected tensors", unexpected);
    throw new InvalidModelException(msg.toString());
  }

  private static void append(StringBuilder msg, String label, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    msg.append("\n  ").append(items.size()).append(' ').append(label).append(": ");
    msg.append(String.join(", ", items.subList(0, Math.min(20, items.size()))));
    if (items.size() > 20) {
      msg.append(", ... (").append(items.size() - 20).append(" more)");
    }
  }
}
