package io.timerbeam.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The Timer-S1 hyper-parameters read from a checkpoint's {@code config.json}. Immutable. Unknown
 * keys are ignored; a missing or inconsistent required key is an {@link InvalidModelException}
 * naming the key.
 */
public final class TimerS1Config {
  private final int patchLength;
  private final int hiddenSize;
  private final int intermediateSize;
  private final int numHiddenLayers;
  private final int numAttentionHeads;
  private final int numExperts;
  private final int numExpertsPerToken;
  private final int numMtpTokens;
  private final int outputTokenLength;
  private final double[] quantiles;
  private final double ropeTheta;
  private final int maxPositionEmbeddings;
  private final String storageDtype;

  private TimerS1Config(JsonObject json, String source) {
    patchLength = positiveInt(json, "input_token_len", source);
    hiddenSize = positiveInt(json, "hidden_size", source);
    intermediateSize = positiveInt(json, "intermediate_size", source);
    numHiddenLayers = positiveInt(json, "num_hidden_layers", source);
    numAttentionHeads = positiveInt(json, "num_attention_heads", source);
    numExperts = positiveInt(json, "num_experts", source);
    numExpertsPerToken = positiveInt(json, "num_experts_per_token", source);
    numMtpTokens = nonNegativeInt(json, "num_mtp_tokens", source);
    outputTokenLength = lastOfIntArray(json, "output_token_lens", source);
    quantiles = doubleArray(json, "quantiles", source);
    ropeTheta = positiveDouble(json, "rope_theta", source);
    maxPositionEmbeddings = positiveInt(json, "max_position_embeddings", source);
    storageDtype = json.has("torch_dtype") ? json.get("torch_dtype").getAsString() : "float32";
    String act = json.has("hidden_act") ? json.get("hidden_act").getAsString() : "silu";
    if (!act.equals("silu")) {
      throw invalid(source, "hidden_act", "is \"" + act + "\" but only \"silu\" is supported");
    }
    if (hiddenSize % numAttentionHeads != 0) {
      throw invalid(source, "hidden_size", hiddenSize + " is not divisible by num_attention_heads " + numAttentionHeads);
    }
    if ((hiddenSize / numAttentionHeads) % 2 != 0) {
      throw invalid(source, "num_attention_heads", "gives an odd head dimension " + hiddenSize / numAttentionHeads + " (RoPE needs an even one)");
    }
    if (numExpertsPerToken > numExperts) {
      throw invalid(source, "num_experts_per_token", numExpertsPerToken + " exceeds num_experts " + numExperts);
    }
    if (intermediateSize % numExpertsPerToken != 0) {
      throw invalid(source, "intermediate_size", intermediateSize + " is not divisible by num_experts_per_token " + numExpertsPerToken);
    }
    if (outputTokenLength != patchLength) {
      // Autoregressive feedback appends whole patches; the release and every known export have O == P.
      throw invalid(source, "output_token_lens", "ends with " + outputTokenLength + " but only input_token_len (" + patchLength + ") is supported");
    }
    for (int i = 0; i < quantiles.length; i++) {
      if (!(quantiles[i] > 0 && quantiles[i] < 1)) {
        throw invalid(source, "quantiles", "level " + quantiles[i] + " is not in (0, 1)");
      }
    }
  }

  /** Reads {@code config.json} in a checkpoint folder. */
  public static TimerS1Config load(Path checkpointDir) throws IOException {
    Path file = checkpointDir.resolve("config.json");
    if (!Files.isRegularFile(file)) {
      throw new InvalidModelException("model folder " + checkpointDir + " lacks config.json");
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Parses config JSON text; {@code source} names it in error messages. */
  public static TimerS1Config parse(String jsonText, String source) {
    JsonNesting.check(jsonText, source);
    JsonElement root;
    try {
      root = JsonParser.parseString(jsonText);
    } catch (RuntimeException e) {
      throw new InvalidModelException(source + " is not valid JSON: " + e.getMessage(), e);
    }
    if (!root.isJsonObject()) {
      throw new InvalidModelException(source + " is not a JSON object");
    }
    return new TimerS1Config(root.getAsJsonObject(), source);
  }

  private static InvalidModelException invalid(String source, String key, String problem) {
    return new InvalidModelException(source + ": config key '" + key + "' " + problem);
  }

  private static JsonElement required(JsonObject json, String key, String source) {
    JsonElement e = json.get(key);
    if (e == null || e.isJsonNull()) {
      throw invalid(source, key, "is missing");
    }
    return e;
  }

  private static double number(JsonObject json, String key, String source) {
    JsonElement e = required(json, key, source);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw invalid(source, key, "is not a number: " + e);
    }
    return e.getAsDouble();
  }

  private static int nonNegativeInt(JsonObject json, String key, String source) {
    double v = number(json, key, source);
    if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
      throw invalid(source, key, "must be a non-negative integer, got " + v);
    }
    return (int) v;
  }

  private static int positiveInt(JsonObject json, String key, String source) {
    int v = nonNegativeInt(json, key, source);
    if (v == 0) {
      throw invalid(source, key, "must be positive, got 0");
    }
    return v;
  }

  private static double positiveDouble(JsonObject json, String key, String source) {
    double v = number(json, key, source);
    if (!(v > 0)) {
      throw invalid(source, key, "must be positive, got " + v);
    }
    return v;
  }

  private static JsonArray nonEmptyArray(JsonObject json, String key, String source) {
    JsonElement e = required(json, key, source);
    if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
      throw invalid(source, key, "must be a non-empty array, got " + e);
    }
    return e.getAsJsonArray();
  }

  private static int lastOfIntArray(JsonObject json, String key, String source) {
    JsonArray a = nonEmptyArray(json, key, source);
    JsonElement last = a.get(a.size() - 1);
    if (!last.isJsonPrimitive() || !last.getAsJsonPrimitive().isNumber() || last.getAsInt() <= 0) {
      throw invalid(source, key, "must end with a positive integer, got " + a);
    }
    return last.getAsInt();
  }

  private static double[] doubleArray(JsonObject json, String key, String source) {
    JsonArray a = nonEmptyArray(json, key, source);
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonElement x = a.get(i);
      if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
        throw invalid(source, key, "holds a non-number at index " + i + ": " + x);
      }
      out[i] = x.getAsDouble();
    }
    return out;
  }

  /** P: points per token. */
  public int patchLength() {
    return patchLength;
  }

  /** D. */
  public int hiddenSize() {
    return hiddenSize;
  }

  /** I: the MoE's total width; each expert has I / k. */
  public int intermediateSize() {
    return intermediateSize;
  }

  public int expertWidth() {
    return intermediateSize / numExpertsPerToken;
  }

  public int numHiddenLayers() {
    return numHiddenLayers;
  }

  public int numAttentionHeads() {
    return numAttentionHeads;
  }

  public int headDim() {
    return hiddenSize / numAttentionHeads;
  }

  public int numExperts() {
    return numExperts;
  }

  public int numExpertsPerToken() {
    return numExpertsPerToken;
  }

  /** Number of TimeSTP (multi-token prediction) modules. */
  public int numMtpTokens() {
    return numMtpTokens;
  }

  /** O: points produced by one head call. */
  public int outputTokenLength() {
    return outputTokenLength;
  }

  /** Most points one forward pass can produce: O + P * num_mtp_tokens. */
  public int maxPointsPerPass() {
    return outputTokenLength + patchLength * numMtpTokens;
  }

  /** Quantile levels in the head's output order (a copy). */
  public double[] quantiles() {
    return quantiles.clone();
  }

  public int numQuantiles() {
    return quantiles.length;
  }

  public double ropeTheta() {
    return ropeTheta;
  }

  public int maxPositionEmbeddings() {
    return maxPositionEmbeddings;
  }

  /** The checkpoint's declared storage dtype ({@code torch_dtype}), informational only. */
  public String storageDtype() {
    return storageDtype;
  }

  @Override
  public String toString() {
    return "TimerS1Config{P=" + patchLength + ", D=" + hiddenSize + ", I=" + intermediateSize
        + ", layers=" + numHiddenLayers + ", heads=" + numAttentionHeads + ", experts=" + numExperts
        + "/" + numExpertsPerToken + ", mtp=" + numMtpTokens + ", O=" + outputTokenLength
        + ", quantiles=" + Arrays.toString(quantiles) + ", rope_theta=" + ropeTheta
        + ", max_positions=" + maxPositionEmbeddings + ", dtype=" + storageDtype + "}";
  }
}
