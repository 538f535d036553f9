package io.timerbeam.model.timers1;

import io.timerbeam.model.InvalidModelException;
import io.timerbeam.model.checkpoint.ConfigJson;
import io.timerbeam.model.checkpoint.DecoderConfig;
import io.timerbeam.model.checkpoint.DecoderShape;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/**
 * The Timer-S1 hyper-parameters read from a checkpoint's {@code config.json}. Immutable. Unknown
 * keys are ignored; a missing or inconsistent required key is an {@link InvalidModelException}
 * naming the key.
 */
public final class TimerS1Config extends DecoderConfig {
  private final int numExperts;
  private final int numExpertsPerToken;
  private final int numMtpTokens;
  private final int outputTokenLength;
  private final double[] quantiles;
  private final double ropeTheta;
  private final int maxPositionEmbeddings;

  private TimerS1Config(ConfigJson json) {
    super(DecoderShape.readRequired(json));
    numExperts = json.positiveInt("num_experts");
    numExpertsPerToken = json.positiveInt("num_experts_per_token");
    numMtpTokens = json.nonNegativeInt("num_mtp_tokens");
    int[] outputLens = json.positiveInts("output_token_lens");
    outputTokenLength = outputLens[outputLens.length - 1];
    quantiles = json.numbers("quantiles");
    ropeTheta = json.positiveDouble("rope_theta");
    maxPositionEmbeddings = json.positiveInt("max_position_embeddings");
    if (numExpertsPerToken > numExperts) {
      throw json.invalid("num_experts_per_token", numExpertsPerToken + " exceeds num_experts " + numExperts);
    }
    if (intermediateSize() % numExpertsPerToken != 0) {
      throw json.invalid("intermediate_size", intermediateSize() + " is not divisible by num_experts_per_token " + numExpertsPerToken);
    }
    if (outputTokenLength != patchLength()) {
      // Autoregressive feedback appends whole patches; the release and every known export have O == P.
      throw json.invalid("output_token_lens", "ends with " + outputTokenLength + " but only input_token_len (" + patchLength() + ") is supported");
    }
    for (int i = 0; i < quantiles.length; i++) {
      if (!(quantiles[i] > 0 && quantiles[i] < 1)) {
        throw json.invalid("quantiles", "level " + quantiles[i] + " is not in (0, 1)");
      }
    }
  }

  /** The Timer-S1 hyper-parameters of an already read config. */
  public static TimerS1Config of(ConfigJson json) {
    return new TimerS1Config(json);
  }

  /** Every tensor this config implies in the release layout (one set of weights per expert), name to shape. */
  public Map<String, long[]> expectedTensors() {
    return TimerS1Tensors.of(this, Collections.emptyMap());
  }

  /** I / k: one expert's width. */
  public int expertWidth() {
    return intermediateSize() / numExpertsPerToken;
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
    return outputTokenLength + patchLength() * numMtpTokens;
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

  @Override
  public String toString() {
    return "TimerS1Config{" + shapeText() + ", experts=" + numExperts
        + "/" + numExpertsPerToken + ", mtp=" + numMtpTokens + ", O=" + outputTokenLength
        + ", quantiles=" + Arrays.toString(quantiles) + ", rope_theta=" + ropeTheta
        + ", max_positions=" + maxPositionEmbeddings + ", dtype=" + storageDtype() + "}";
  }
}
