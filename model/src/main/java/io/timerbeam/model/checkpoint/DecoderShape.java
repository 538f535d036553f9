package io.timerbeam.model.checkpoint;

/**
 * The part of {@code config.json} every Timer decoder declares alike (patch length, widths, depth,
 * heads, activation, storage dtype), read and checked once for all families.
 */
public record DecoderShape(int patchLength, int hiddenSize, int intermediateSize, int numHiddenLayers,
    int numAttentionHeads, String storageDtype) {

  /** Every shape key must be present (Timer-S1: the release names them all). */
  public static DecoderShape readRequired(ConfigJson json) {
    return read(json, null);
  }

  /** An absent shape key takes {@code defaults}' value (Timer-XL: Hugging Face's {@code TimerConfig} defaults). */
  public static DecoderShape readWithDefaults(ConfigJson json, DecoderShape defaults) {
    return read(json, java.util.Objects.requireNonNull(defaults, "defaults"));
  }

  private static DecoderShape read(ConfigJson json, DecoderShape defaults) {
    DecoderShape shape = new DecoderShape(
        positive(json, "input_token_len", defaults == null ? null : defaults.patchLength),
        positive(json, "hidden_size", defaults == null ? null : defaults.hiddenSize),
        positive(json, "intermediate_size", defaults == null ? null : defaults.intermediateSize),
        positive(json, "num_hidden_layers", defaults == null ? null : defaults.numHiddenLayers),
        positive(json, "num_attention_heads", defaults == null ? null : defaults.numAttentionHeads),
        json.string("torch_dtype", "float32"));
    String act = json.string("hidden_act", "silu");
    if (!act.equals("silu")) {
      throw json.invalid("hidden_act", "is \"" + act + "\" but only \"silu\" is supported");
    }
    if (shape.hiddenSize % shape.numAttentionHeads != 0) {
      throw json.invalid("hidden_size", shape.hiddenSize + " is not divisible by num_attention_heads " + shape.numAttentionHeads);
    }
    if (shape.headDim() % 2 != 0) {
      throw json.invalid("num_attention_heads", "gives an odd head dimension " + shape.headDim() + " (RoPE needs an even one)");
    }
    return shape;
  }

  private static int positive(ConfigJson json, String key, Integer absent) {
    return absent == null ? json.positiveInt(key) : json.positiveInt(key, absent);
  }

  public int headDim() {
    return hiddenSize / numAttentionHeads;
  }

  @Override
  public String toString() {
    return "P=" + patchLength + ", D=" + hiddenSize + ", I=" + intermediateSize + ", layers=" + numHiddenLayers
        + ", heads=" + numAttentionHeads;
  }
}
